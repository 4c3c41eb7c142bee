using MeshAspire.MetricsCollector.Scraping;
using MeshAspire.MetricsCollector.Storage;

namespace MeshAspire.MetricsCollector.Tests.Storage;

/// <summary>What both stores keep of a scrape.</summary>
public sealed class StoredScrapesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 2, 0, 0, TimeSpan.FromHours(1));

    private static MetricSample Sample(string name, double value) => new(name, [], value);

    [Fact]
    public void Samples_are_grouped_by_name_in_order_of_first_appearance()
    {
        var scrape = new Scrape("local", "a", ScrapeKind.Component, At, [Sample("x", 1), Sample("y", 2), Sample("x", 3), Sample("z", 4)]);

        var stored = StoredScrapes.Normalise(scrape);

        Assert.Equal(["x=1", "x=3", "y=2", "z=4"], stored.Samples.Select(s => $"{s.Name}={s.Value}"));
    }

    [Fact]
    public void Times_are_kept_in_utc_the_scrapes_to_the_microsecond_and_a_samples_to_the_millisecond()
    {
        var sampled = Sample("x", 1) with { Timestamp = At.AddTicks(12_345_678), Exemplar = new Exemplar([], 1, null) };
        var scrape = new Scrape("local", "a", ScrapeKind.Component, At.AddTicks(12_345_678), [sampled]);

        var stored = StoredScrapes.Normalise(scrape);

        Assert.Equal(TimeSpan.Zero, stored.At.Offset);
        Assert.Equal(At.AddTicks(12_345_670), stored.At);
        Assert.Equal(At.AddMilliseconds(1_234), stored.Samples[0].Timestamp);
        Assert.Null(stored.Samples[0].Exemplar);
    }

    [Fact]
    public void Samples_already_as_stored_are_kept_without_a_copy_and_a_failed_scrape_keeps_none()
    {
        MetricSample[] samples = [Sample("x", 1), Sample("x", 2), Sample("y", 3)];

        Assert.Same(samples, StoredScrapes.Normalise(new Scrape("local", "a", ScrapeKind.Component, At, samples)).Samples);
        Assert.Empty(StoredScrapes.Normalise(new Scrape("local", "a", ScrapeKind.Component, At, samples, "timed out")).Samples);
    }

    [Fact]
    public void A_nul_character_in_a_name_label_or_failure_is_kept_as_the_replacement_character()
    {
        var sample = new MetricSample("x\0y", [new("component", "a\0b"), new("le\0", "1")], 1);
        var stored = StoredScrapes.Normalise(new Scrape("local", "a", ScrapeKind.Component, At, [sample]));
        var failed = StoredScrapes.Normalise(new Scrape("local", "a", ScrapeKind.Component, At, [], "bad\0text"));

        Assert.Equal("x\uFFFDy", stored.Samples[0].Name);
        Assert.Equal([new("component", "a\uFFFDb"), new("le\uFFFD", "1")], stored.Samples[0].Labels);
        Assert.Equal("bad\uFFFDtext", failed.Failure);
    }
}
