using MeshAspire.Workflow.Scenarios;
using static MeshAspire.Workflow.Tests.Scenarios.ScenarioSamples;

namespace MeshAspire.Workflow.Tests.Scenarios;

/// <summary>The thesis's Code 6-2, 6-3 and 6-4, and the smoke scenario, parsed value by value.</summary>
public sealed class ThesisSampleTests
{
    [Fact]
    public void Constant_load_6_2_from_the_shipped_file()
    {
        var path = Shipped("thesis-constant.properties");
        var result = ScenarioParser.Parse(path);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var scenario = result.Scenario!;
        Assert.Equal(path, scenario.SourcePath);
        Assert.Equal("thesis-constant", scenario.Name);
        AssertDefaultsBut(scenario.Settings, TimeSpan.FromMinutes(2), TransportKind.Grpc);
        Assert.Equal(
            [
                Sync(ComponentRole.Trigger, "trigger", 3, new OperationRate(10, 10), "action01", 10091, 10090),
                Sync(ComponentRole.Action, "action01", 11, new OperationRate(100, 100), "action02", 10091, 10091),
                Sync(ComponentRole.Action, "action02", 19, new OperationRate(100, 100), "conclusion", 10091, 10091),
                Sync(ComponentRole.Conclusion, "conclusion", 27, new OperationRate(100, 100), null, 10091, 10091),
            ],
            scenario.Chain);
        Assert.True(scenario.Trigger.Operations!.IsConstant);
        Assert.Equal(["action01", "action02"], scenario.Actions.Select(a => a.RootName));
        Assert.Equal("action02", scenario.NextHopOf("action01")?.RootName);
        Assert.Null(scenario.NextHopOf("conclusion"));
    }

    [Fact]
    public void Incremental_load_6_3_from_the_shipped_file()
    {
        var path = Shipped("thesis-incremental.properties");
        var result = ScenarioParser.Parse(path);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var scenario = result.Scenario!;
        Assert.Equal("thesis-incremental", scenario.Name);
        AssertDefaultsBut(scenario.Settings, TimeSpan.FromMinutes(5), TransportKind.Grpc);
        Assert.Equal(
            [
                Sync(ComponentRole.Trigger, "trigger", 3, new OperationRate(1, 1000), "action01", 10091, 10090),
                Sync(ComponentRole.Action, "action01", 11, new OperationRate(1000, 1000), "action02", 10091, 10091),
                Sync(ComponentRole.Action, "action02", 19, new OperationRate(1000, 1000), "conclusion", 10091, 10091),
                Sync(ComponentRole.Conclusion, "conclusion", 27, new OperationRate(1000, 1000), null, 10091, 10091),
            ],
            scenario.Chain);
        Assert.False(scenario.Trigger.Operations!.IsConstant);
    }

    [Fact]
    public void Incremental_load_6_3_is_within_what_thesis_pacing_can_send()
    {
        var text = File.ReadAllText(Shipped("thesis-incremental.properties"));

        var scenario = Parses("pacing=thesis\n" + text);

        Assert.Equal(PacingMode.Thesis, scenario.Settings.Pacing);
        Assert.Equal(1000, scenario.Trigger.Operations!.End);
    }

    [Fact]
    public void Async_6_4_follows_the_topics_and_defaults_to_nats()
    {
        var scenario = Parses(Text(ScenarioSamples.Async));

        AssertDefaultsBut(scenario.Settings, TimeSpan.FromMinutes(2), TransportKind.Nats);
        Assert.Equal(
            [
                Async(ComponentRole.Trigger, "trigger", 3, new OperationRate(10, 10), null, Topic1, 10091, 10090),
                Async(ComponentRole.Action, "action01", 11, new OperationRate(100, 100), Topic1, Topic2, 10091, 10091),
                Async(ComponentRole.Action, "action02", 20, new OperationRate(100, 100), Topic2, Topic3, 10091, 10091),
                Async(ComponentRole.Conclusion, "conclusion", 29, new OperationRate(100, 100), Topic3, null, 10091, 10091),
            ],
            scenario.Chain);
    }

    [Fact]
    public void Smoke_scenario_runs_a_few_seconds_with_unlimited_actions()
    {
        var result = ScenarioParser.Parse(Shipped("smoke.properties"));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var scenario = result.Scenario!;
        Assert.Equal(TimeSpan.FromSeconds(3), scenario.Settings.Duration);
        Assert.Equal(TimeSpan.FromSeconds(2), scenario.Settings.Warmup);
        Assert.Equal(TimeSpan.FromSeconds(5), scenario.Settings.Drain);
        Assert.Equal(TransportKind.Grpc, scenario.Settings.Transport);
        Assert.Equal(["trigger", "action01", "action02", "conclusion"], scenario.Chain.Select(c => c.RootName));
        Assert.Equal(new OperationRate(50, 50), scenario.Trigger.Operations);
        Assert.All(scenario.Chain.Skip(1), c => Assert.Null(c.Operations));
        Assert.Equal([10091, 10091, 10091, 10091], scenario.Chain.Select(c => c.PortTo));
        Assert.Equal([10090, 10091, 10091, 10091], scenario.Chain.Select(c => c.PortFrom));
        Assert.StartsWith("#", File.ReadLines(Shipped("smoke.properties")).First(), StringComparison.Ordinal);
    }

    private static void AssertDefaultsBut(ScenarioSettings settings, TimeSpan duration, TransportKind transport) =>
        Assert.Equal(new ScenarioSettings { Duration = duration, Transport = transport }, settings);

    private static ComponentSpec Sync(ComponentRole role, string name, int line, OperationRate ops, string? next, int portTo, int portFrom) =>
        new()
        {
            Role = role,
            RootName = name,
            Line = line,
            Operations = ops,
            HostnameTo = next,
            PortTo = portTo,
            PortFrom = portFrom,
        };

    private static ComponentSpec Async(ComponentRole role, string name, int line, OperationRate ops, string? from, string? to, int portTo, int portFrom) =>
        new()
        {
            Role = role,
            RootName = name,
            Line = line,
            Operations = ops,
            TopicFrom = from,
            TopicTo = to,
            PortTo = portTo,
            PortFrom = portFrom,
        };
}
