namespace MeshAspire.MetricsCollector.Report;

/// <summary>
/// The lines of a large text file as UTF-8 bytes, without a string per line: each line is valid until the next call.
/// A '\r' before the '\n' is dropped.
/// </summary>
internal sealed class CsvLines(string path) : IDisposable
{
    private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private long _number;
    private bool _done;

    /// <returns>The next line, or null at the end of the file.</returns>
    public ReadOnlyMemory<byte>? Next(out long number)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0 || (_done && _start < _end))
            {
                var length = newline >= 0 ? newline : _end - _start;
                var line = new ReadOnlyMemory<byte>(_buffer, _start, length);
                _start += newline >= 0 ? length + 1 : length;
                number = ++_number;
                return line.Span.EndsWith("\r"u8) ? line[..^1] : line;
            }

            if (_done)
            {
                number = _number;
                return null;
            }

            Fill();
        }
    }

    private void Fill()
    {
        var kept = _end - _start;
        if (kept == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _buffer.AsSpan(_start, kept).CopyTo(_buffer);
        _start = 0;
        _end = kept;
        var read = _file.Read(_buffer, _end, _buffer.Length - _end);
        _done = read == 0;
        _end += read;
    }

    public void Dispose() => _file.Dispose();
}
