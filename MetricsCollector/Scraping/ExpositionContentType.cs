namespace MeshAspire.MetricsCollector.Scraping;

/// <summary>Which text format a response's Content-Type announces, and the Accept header that asks for either.</summary>
public static class ExpositionContentType
{
    public const string OpenMetricsMediaType = "application/openmetrics-text";

    /// <summary>OpenMetrics first, then the 0.0.4 text format, which every Prometheus target serves.</summary>
    public const string Accept =
        "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    /// <summary>
    /// <c>application/openmetrics-text</c> (any version) is OpenMetrics; anything else, including a missing
    /// header and <c>text/plain</c> without a version, is read as the 0.0.4 text format, as Prometheus does.
    /// </summary>
    public static ExpositionFormat Detect(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return ExpositionFormat.PrometheusText;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return string.Equals(mediaType, OpenMetricsMediaType, StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;
    }
}
