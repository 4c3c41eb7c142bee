using MeshAspire.MetricsCollector.Report;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Tests.Accounting;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests.Report;

public sealed class HopLossTests
{
    [Fact]
    public void Each_hop_counts_what_its_caller_handed_on_what_it_received_lost_duplicated_and_reordered()
    {
        var messages = Steady(0, 100, 1, Base, 10 * Millisecond).Select(m => m.Sequence switch
        {
            10 => m with { Reach = 1 },
            11 => m with { Reach = 2 },
            _ => m,
        }).ToList();
        (messages[40], messages[41]) = (messages[41], messages[40]);
        var run = new ChainRun().Add(messages);
        run.Redeliver(20, from: 2, flagged: false);
        var records = run.Records();
        var summary = RunAccounting.Analyze(TestScenarios.Constant(), "run-1", records, []).Summary;

        var lines = HopLossTable.From(summary, records);

        Assert.Equal(
            [
                new HopLoss(null, "run", 100, 98, 2, 1, 1),
                new HopLoss("trigger", "action01", 100, 100, 0, 0, 1),
                new HopLoss("action01", "action02", 100, 99, 1, 1, 1),
                new HopLoss("action02", "conclusion", 99, 98, 1, 1, 1),
            ],
            lines);
    }

    [Fact]
    public void A_component_without_records_has_no_duplicates_or_reordering_to_count()
    {
        var run = new ChainRun().Add(Steady(0, 10, 1, Base, 10 * Millisecond));
        var records = run.Records("action01");
        var summary = RunAccounting.Analyze(TestScenarios.Constant(), "run-2", records, []).Summary;

        var action = HopLossTable.From(summary, records)[1];

        Assert.Equal(new HopLoss("trigger", "action01", null, null, null, null, null), action);
    }
}
