using MeshAspire.Workflow.Scenarios;
using static MeshAspire.Workflow.Tests.Scenarios.ScenarioSamples;

namespace MeshAspire.Workflow.Tests.Scenarios;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData("2minutes", 120_000)]
    [InlineData("5minutes", 300_000)]
    [InlineData("5 min", 300_000)]
    [InlineData("5 mins", 300_000)]
    [InlineData("5 minutes", 300_000)]
    [InlineData("1 minute", 60_000)]
    [InlineData("5m", 300_000)]
    [InlineData("90s", 90_000)]
    [InlineData("90 sec", 90_000)]
    [InlineData("90 secs", 90_000)]
    [InlineData("1 second", 1_000)]
    [InlineData("90 seconds", 90_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1h 30m", 5_400_000)]
    [InlineData("1 hour 30 minutes", 5_400_000)]
    [InlineData("2 hours", 7_200_000)]
    [InlineData("2hr", 7_200_000)]
    [InlineData("2 hrs", 7_200_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("0.5s", 500)]
    [InlineData(".5s", 500)]
    [InlineData("250ms", 250)]
    [InlineData("1 millisecond", 1)]
    [InlineData("250 milliseconds", 250)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1 day", 86_400_000)]
    [InlineData("2 days", 172_800_000)]
    [InlineData("1h 1m 1s 1ms", 3_661_001)]
    [InlineData("5 MIN", 300_000)]
    [InlineData("0s", 0)]
    [InlineData("  90s  ", 90_000)]
    [InlineData("PT2M", 120_000)]
    [InlineData("PT1H30M", 5_400_000)]
    [InlineData("PT0.5S", 500)]
    [InlineData("PT0,5S", 500)]
    [InlineData("P1DT2H", 93_600_000)]
    [InlineData("P1D", 86_400_000)]
    [InlineData("P1W", 604_800_000)]
    [InlineData("pt1h30m", 5_400_000)]
    [InlineData("PT0S", 0)]
    public void Accepts(string text, long milliseconds)
    {
        Assert.True(HumanDuration.TryParse(text, out var value, out var error), error);
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("90", "give a unit, e.g. 90s")]
    [InlineData("1.5", "give a unit")]
    [InlineData("-5s", "negative")]
    [InlineData("-PT5S", "negative")]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("5 minuts", "'minuts' in '5 minuts' is not a unit")]
    [InlineData("5 weeks", "'weeks' in '5 weeks' is not a unit")]
    [InlineData("1h 30", "'30' in '1h 30' has no unit")]
    [InlineData("two minutes", "is not a duration")]
    [InlineData("1h-30m", "is not a duration")]
    [InlineData("1,5h", "is not a duration")]
    [InlineData("5s!", "is not a duration")]
    [InlineData("P1Y", "years or months")]
    [InlineData("P2M", "years or months")]
    [InlineData("P", "not an ISO 8601 duration")]
    [InlineData("PT", "not an ISO 8601 duration")]
    [InlineData("P1DT", "not an ISO 8601 duration")]
    [InlineData("PT1H30", "not an ISO 8601 duration")]
    [InlineData("PT-1S", "not an ISO 8601 duration")]
    [InlineData("PT1M1H", "not an ISO 8601 duration")]
    [InlineData("99999999999d", "too long")]
    [InlineData("P99999999999D", "too long")]
    public void Rejects(string text, string fragment)
    {
        Assert.False(HumanDuration.TryParse(text, out var value, out var error));
        Assert.Equal(TimeSpan.Zero, value);
        Assert.NotNull(error);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duration=1 hour 30 minutes", 5_400_000)]
    [InlineData("duration=PT0.5S", 500)]
    [InlineData("duration: 2 minutes", 120_000)]
    public void The_scenario_reads_durations_with_it(string line, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Parses(With(Sync, (1, line))).Settings.Duration);
}
