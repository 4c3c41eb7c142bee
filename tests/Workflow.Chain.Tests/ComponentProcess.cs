using System.Diagnostics;
using System.Text;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>
/// A component run as its own program in a child process (<c>dotnet exec Workflow.Conclusion.dll</c>), configured by
/// environment as the app host does, for what one process cannot show: a clock of its own.
/// </summary>
internal sealed class ComponentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ComponentProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
    }

    /// <summary>What it wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static ComponentProcess Start(ComponentRole role, IReadOnlyDictionary<string, string?> settings)
    {
        var program = Path.Combine(AppContext.BaseDirectory, $"Workflow.{role}.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(program);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var component = new ComponentProcess(new Process { StartInfo = start });
        component._process.Start();
        component._process.BeginOutputReadLine();
        component._process.BeginErrorReadLine();
        return component;
    }

    /// <summary>Waits for it to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
