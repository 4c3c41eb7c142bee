using System.Collections.Concurrent;
using System.Diagnostics;
using MeshAspire.Workflow.Running;

namespace MeshAspire.Workflow.Chain.Tests;

/// <summary>A sampled message carries one W3C trace through every hop; the others carry none.</summary>
[Collection(LocalChain.Collection)]
public sealed class TracingTests
{
    private const int Timeout = 120_000;
    private const int TraceEvery = 1000;

    [Theory(Timeout = Timeout)]
    [InlineData("grpc")]
    [InlineData("tcp")]
    public async Task Every_sampled_message_has_one_span_per_component_in_one_trace(string transport)
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowMetrics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var chain = LocalChain.Create(ChainScenarios.FourComponents(transport).Replace("transport=", $"tracing.every={TraceEvery}\ntransport=", StringComparison.Ordinal));
        await chain.StartAsync();

        var run = await chain.CollectAsync(CancellationToken.None);

        Assert.Equal(ChainScenarios.Messages, run.Analysis.Summary.Messages.Received);
        var ours = spans.Where(span => chain.Scenario.Chain.Any(c => span.DisplayName.StartsWith(c.RootName + " ", StringComparison.Ordinal))).ToArray();
        var bySequence = ours.GroupBy(span => (long)span.GetTagItem("meshaspire.sequence")!).OrderBy(g => g.Key).ToArray();
        Assert.Equal(Enumerable.Range(0, ChainScenarios.Messages / TraceEvery).Select(i => (long)i * TraceEvery), bySequence.Select(g => g.Key));
        foreach (var message in bySequence)
        {
            var path = chain.Scenario.Chain.Select(c => message.Single(span => span.DisplayName.StartsWith(c.RootName + " ", StringComparison.Ordinal))).ToArray();
            Assert.Single(path.Select(span => span.TraceId).Distinct());
            for (var hop = 1; hop < path.Length; hop++)
            {
                Assert.Equal(path[hop - 1].SpanId, path[hop].ParentSpanId);
            }
        }
    }
}
