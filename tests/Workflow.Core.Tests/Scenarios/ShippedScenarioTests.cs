using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Tests.Scenarios;

/// <summary>Every scenario in scenarios/ parses, and the event-mesh ones follow Code 6-4's topics with 6-2's and 6-3's loads.</summary>
public sealed class ShippedScenarioTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "scenarios");

    public static TheoryData<string> Shipped() => [.. Directory.GetFiles(Folder, "*.properties").Select(path => Path.GetFileName(path)).Order()];

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_shipped_scenario_parses(string file)
    {
        var result = ScenarioParser.Parse(Path.Combine(Folder, file));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [InlineData("thesis-eventmesh-constant.properties", TransportKind.EventMesh, 10, 10, 1_200)]
    [InlineData("thesis-eventmesh-incremental.properties", TransportKind.EventMesh, 1, 1_000, 150_150)]
    [InlineData("thesis-nats-constant.properties", TransportKind.Nats, 10, 10, 1_200)]
    [InlineData("thesis-nats-incremental.properties", TransportKind.Nats, 1, 1_000, 150_150)]
    [InlineData("thesis-rabbitmq-constant.properties", TransportKind.RabbitMq, 10, 10, 1_200)]
    [InlineData("thesis-rabbitmq-incremental.properties", TransportKind.RabbitMq, 1, 1_000, 150_150)]
    public void The_async_thesis_scenarios_follow_code_6_4(string file, TransportKind transport, double start, double end, long messages)
    {
        var scenario = ScenarioParser.Parse(Path.Combine(Folder, file)).Scenario!;

        Assert.Equal(transport, scenario.Settings.Transport);
        Assert.Equal(["trigger", "action01", "action02", "conclusion"], scenario.Chain.Select(c => c.RootName));
        Assert.Equal("INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1", scenario.Trigger.TopicTo);
        Assert.Equal("INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION3", scenario.Conclusion.TopicFrom);
        Assert.Equal(start, scenario.Trigger.Operations!.Start);
        Assert.Equal(end, scenario.Trigger.Operations.End);
        Assert.Equal(messages, MeshAspire.Workflow.Pacing.Schedules.Create(scenario.Trigger.Operations, scenario.Settings.Duration, scenario.Settings.Pacing).Count);
    }
}
