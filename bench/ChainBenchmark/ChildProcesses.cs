using System.Collections.Concurrent;
using System.Diagnostics;

namespace MeshAspire.Bench;

/// <summary>A process this benchmark started, with the file its output goes to.</summary>
public sealed record ChildProcess(string Name, Process Process, string LogFile, TextWriter Log)
{
    public int Id => Process.Id;

    public bool HasExited => Process.HasExited;
}

/// <summary>
/// Starts child processes and kills every one it started: when a case ends, on Ctrl+C and when this process
/// exits. Each child's output goes to its own log file, never to this program's stdout (the report).
/// </summary>
public sealed class ChildProcesses : IDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, ChildProcess> _running = new();
    private readonly string _logFolder;

    public ChildProcesses(string logFolder)
    {
        _logFolder = logFolder;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <param name="environment">Variables laid over this process's environment; a null value removes the variable.</param>
    public ChildProcess Start(string name, string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var logFile = Path.Combine(_logFolder, $"{name}.log");
        for (var again = 2; File.Exists(logFile); again++)
        {
            logFile = Path.Combine(_logFolder, $"{name}-{again}.log");
        }

        var log = TextWriter.Synchronized(new StreamWriter(logFile, append: false) { AutoFlush = true });
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.Exited += (_, _) => log.Flush();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProcess(name, process, logFile, log);
        _running[process.Id] = child;
        return child;
    }

    /// <summary>Kills the given children (and their descendants) and waits for them to exit.</summary>
    public void Kill(IEnumerable<ChildProcess> children)
    {
        var list = children.ToArray();
        foreach (var child in list)
        {
            TryKill(child.Process);
        }

        foreach (var child in list)
        {
            try
            {
                if (child.Process.WaitForExit(ExitWait))
                {
                    child.Process.WaitForExit(); // and the last of its output
                }
            }
            catch (InvalidOperationException)
            {
                // Never started or already reaped.
            }

            if (_running.TryRemove(child.Id, out var removed))
            {
                removed.Process.Dispose();
                removed.Log.Dispose();
            }
        }
    }

    public void KillAll() => Kill(_running.Values);

    /// <summary>Why a child stopped, from its log: the first exception named there, else its last line.</summary>
    public static string Reason(ChildProcess child)
    {
        var lines = ReadLog(child).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "no output";
    }

    /// <summary>Whether the child could not listen because its port, found free, was taken meanwhile (then try again).</summary>
    public static bool PortWasTaken(ChildProcess child) => ReadLog(child).Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    private static string ReadLog(ChildProcess child)
    {
        try
        {
            using var stream = new FileStream(child.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static void Write(TextWriter log, string? line)
    {
        if (line is not null)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The log was closed while the child was still writing; nothing to keep.
            }
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited on its own meanwhile.
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => KillAll();

    public void Dispose()
    {
        KillAll();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }
}
