using System.Text;
using HdrHistogram;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.Workflow.Tests.Recording;

public class HistogramLogTests
{
    private static readonly DateTime Start = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static (string Tag, HistogramBase Histogram)[] Sample()
    {
        var e2e = LatencyHistograms.Create();
        for (var ms = 1; ms <= 100; ms++)
        {
            LatencyHistograms.RecordNanos(e2e, ms * 1_000_000L);
        }

        var lag = LatencyHistograms.Create();
        lag.RecordValueWithCount(25_000, 10);
        lag.RecordValue(3_000_000_000);

        var service = LatencyHistograms.Create();
        LatencyHistograms.RecordNanos(service, 1);

        return [("e2e", e2e), ("generator-lag", lag), ("action01.service-time", service)];
    }

    private static byte[] Write(params (string Tag, HistogramBase Histogram)[] histograms)
    {
        using var stream = new MemoryStream();
        HistogramLog.Write(stream, Start, histograms);
        return stream.ToArray();
    }

    [Fact]
    public void The_log_is_plain_ascii()
    {
        var bytes = Write(Sample());

        Assert.NotEmpty(bytes);
        Assert.DoesNotContain((byte)0, bytes);
        Assert.All(bytes, b => Assert.True(b < 0x80, $"byte 0x{b:x2} is not ASCII"));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "UTF-8 BOM");
        Assert.False(bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble), "UTF-16 BOM");
    }

    [Fact]
    public void The_log_starts_with_its_format_version_and_tags_one_line_per_histogram()
    {
        var text = Encoding.ASCII.GetString(Write(Sample()));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        Assert.StartsWith("#[Histogram log format version 1.3]", text, StringComparison.Ordinal);
        Assert.Equal(["e2e", "generator-lag", "action01.service-time"], lines.Where(l => l.StartsWith("Tag=", StringComparison.Ordinal)).Select(l => l[4..l.IndexOf(',', StringComparison.Ordinal)]));
        Assert.Single(lines, l => l.StartsWith("Tag=e2e,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_log_reads_back_with_hdrhistograms_reader()
    {
        var written = Sample();
        using var stream = new MemoryStream(Write(written));

        using var reader = new HistogramLogReader(stream);
        var read = reader.ReadHistograms().ToArray();

        Assert.Equal(written.Select(w => w.Tag), read.Select(r => r.Tag));
        Assert.Equal(written.Select(w => w.Histogram.TotalCount), read.Select(r => r.TotalCount));
        Assert.Equal(written.Select(w => w.Histogram.GetMaxValue()), read.Select(r => r.GetMaxValue()));
        Assert.Equal(written[0].Histogram.GetValueAtPercentile(50), read[0].GetValueAtPercentile(50));
        Assert.Equal(Start, reader.GetStartTime());
    }

    [Fact]
    public void An_empty_histogram_is_written_and_read_back_empty()
    {
        using var stream = new MemoryStream(Write(("conclusion.round-trip", LatencyHistograms.Create())));

        using var reader = new HistogramLogReader(stream);
        var read = Assert.Single(reader.ReadHistograms());

        Assert.Equal("conclusion.round-trip", read.Tag);
        Assert.Equal(0, read.TotalCount);
    }

    [Fact]
    public void The_histograms_given_are_not_tagged()
    {
        var histogram = LatencyHistograms.Create();
        histogram.RecordValue(5);

        Write(("e2e", histogram));

        Assert.Null(histogram.Tag);
        Assert.Equal(1, histogram.TotalCount);
    }
}
