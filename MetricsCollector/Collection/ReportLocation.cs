namespace MeshAspire.MetricsCollector.Collection;

/// <summary>The results folder of the run this collector follows, once it is known; <c>/report</c> serves from it.</summary>
public sealed class ReportLocation
{
    public const string ReportFile = "report.html";

    private volatile string? _folder;

    public string? Folder
    {
        get => _folder;
        set => _folder = value;
    }

    /// <summary>The report's path when it has been written, else null.</summary>
    public string? Report => Folder is { } folder && File.Exists(Path.Combine(folder, ReportFile)) ? Path.Combine(folder, ReportFile) : null;
}
