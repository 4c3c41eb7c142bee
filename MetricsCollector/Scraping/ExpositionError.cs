namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>A line the parser could not read (1-based), and what it expected there.</summary>
public sealed record ExpositionError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
