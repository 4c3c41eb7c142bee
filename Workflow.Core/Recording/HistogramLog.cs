using System.Text;
using HdrHistogram;

namespace MeshAspire.Workflow.Recording;

/// <summary>
/// Writes histograms in HdrHistogram's log format (version 1.3), one tagged line per histogram, in ASCII as the
/// Java and other HdrHistogram tools read it. HdrHistogram.NET's own writer emits UTF-16, so its output is re-encoded.
/// </summary>
public static class HistogramLog
{
    public static void Write(Stream destination, DateTime startTimeUtc, IEnumerable<(string Tag, HistogramBase Histogram)> histograms)
    {
        var tagged = histograms.Select(named =>
        {
            var copy = named.Histogram.Copy();
            copy.Tag = named.Tag;
            return copy;
        }).ToArray();

        using var utf16 = new MemoryStream();
        HistogramLogWriter.Write(utf16, startTimeUtc, tagged);
        utf16.Position = 0;
        using var reader = new StreamReader(utf16, detectEncodingFromByteOrderMarks: true);
        var bytes = Encoding.ASCII.GetBytes(reader.ReadToEnd());
        destination.Write(bytes);
    }
}
