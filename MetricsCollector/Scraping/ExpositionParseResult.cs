namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>Every family read, in order of first appearance, and every line that could not be read.</summary>
public sealed record ExpositionParseResult(
    ExpositionFormat Format,
    IReadOnlyList<MetricFamily> Families,
    IReadOnlyList<ExpositionError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public MetricFamily? Family(string name) => Families.FirstOrDefault(family => family.Name == name);
}
