using System.Text.RegularExpressions;
using MeshAspire.MetricsCollector.Report;

namespace MeshAspire.MetricsCollector.Tests.Report;

/// <summary>
/// The report of two runs opened in headless Chromium: the page itself records script errors and each chart it drew
/// in the DOM. A screenshot is kept in TestResults/artifacts/report.png at the repository's root, beside the page.
/// </summary>
public sealed partial class ReportBrowserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"meshaspire-report-browser-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>One run small enough to show every message, one large enough to be shown in buckets; resources with a failed scrape.</summary>
    private async Task<string> TwoRuns()
    {
        var none = ReportRuns.Input("none-1", "none", 6000, 200, i => ReportRuns.Wavy(i), ReportRuns.Resources(1, 31, failAt: 12));
        var istio = ReportRuns.Input("istio-1", "istio", 12000, 400, i => ReportRuns.Wavy(i, 1.6), ReportRuns.Resources(1.5, 31));
        return await ReportWriter.WriteAsync(_folder, [none, istio], CancellationToken.None);
    }

    [Fact]
    public async Task Every_chart_is_drawn_without_a_script_error()
    {
        var page = await TwoRuns();
        var expected = ReportWriterTests.ReportData(await File.ReadAllTextAsync(page)).GetProperty("charts").GetArrayLength();

        var dom = await HeadlessChromium.DumpDomAsync(page);

        var charts = ChartElement().Matches(dom).Select(m => m.Value).ToArray();
        Assert.Equal("0", Attribute(dom, "html", "data-script-errors"));
        Assert.Equal("true", Attribute(dom, "html", "data-report-ready"));
        Assert.Equal(12, expected);
        Assert.Equal(expected, charts.Length);
        Assert.All(charts, chart => Assert.Contains("data-drawn=\"true\"", chart));
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), Attribute(dom, "html", "data-charts-drawn"));
        Assert.Contains("data-chart=\"latency-over-time\" data-points=\"6000\"", dom);
    }

    [Fact]
    public async Task A_script_error_is_recorded_in_the_page()
    {
        var page = await TwoRuns();
        var html = await File.ReadAllTextAsync(page);
        await File.WriteAllTextAsync(page, html.Replace("uPlot.join(", "uPlot.notJoin(", StringComparison.Ordinal));

        var dom = await HeadlessChromium.DumpDomAsync(page);

        Assert.Equal("12", Attribute(dom, "html", "data-script-errors"));
        Assert.Equal("0", Attribute(dom, "html", "data-charts-drawn"));
        Assert.Contains("latency-over-time: uPlot.notJoin is not a function", dom);
    }

    [Fact]
    public async Task A_screenshot_of_the_report_is_kept_for_ci()
    {
        var page = await TwoRuns();
        var artifacts = Path.Combine(RepositoryRoot(), "TestResults", "artifacts");
        Directory.CreateDirectory(artifacts);
        var png = Path.Combine(artifacts, "report.png");
        File.Delete(png);

        await HeadlessChromium.ScreenshotAsync(page, png, 1280, 4000);
        File.Copy(page, Path.Combine(artifacts, "report.html"), overwrite: true);

        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.AsSpan().StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']), "not a PNG");
        Assert.True(bytes.Length > 50_000, $"a {bytes.Length}-byte screenshot of a page of twelve charts");
    }

    private static string? Attribute(string dom, string element, string name)
    {
        var tag = Regex.Match(dom, $"<{element}\\b[^>]*>").Value;
        var value = Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"");
        return value.Success ? value.Groups[1].Value : null;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MeshAspire.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no MeshAspire.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("<div class=\"chart\"[^>]*>")]
    private static partial Regex ChartElement();
}
