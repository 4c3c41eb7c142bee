using MeshAspire.MetricsCollector.Results;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Tests.Accounting;
using static MeshAspire.Workflow.Tests.Accounting.ChainRun;

namespace MeshAspire.MetricsCollector.Tests;

public class SummaryTableTests
{
    private static RunSummary Summary(int repetitions = 1, IEnumerable<string>? notes = null, params string[] missing)
    {
        var run = new ChainRun();
        for (var r = 1; r <= repetitions; r++)
        {
            run.Add(Steady((r - 1) * 100, 100, r, Base + ((r - 1) * 2000 * Millisecond), 10 * Millisecond)
                .Select(m => m.Sequence switch
                {
                    10 or 20 or 30 => m with { Reach = 1 },
                    40 => m with { Reach = 0, SendFailed = true },
                    _ => m with { EndToEnd = 20 * Millisecond },
                }));
        }

        run.Redeliver(50, from: 3, flagged: true);
        return RunAccounting.Analyze(TestScenarios.Constant(repetitions: repetitions), "run-42", run.Records(missing), notes ?? []).Summary;
    }

    private static string[] Lines(string text) => text.Split(Environment.NewLine);

    /// <summary>The rows of the hop table: the lines after its header, up to the first blank one.</summary>
    private static string[][] HopRows(string text) =>
        Lines(text)
            .SkipWhile(l => !l.StartsWith("hop ", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(l => l.Length > 0 && !l.StartsWith("note:", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

    [Fact]
    public void The_table_names_the_run_and_its_counts()
    {
        var text = SummaryTable.Render(Summary());

        Assert.StartsWith("run run-42   scenario accounting   transport grpc   mesh none   pacing linear   payload 64 B", text, StringComparison.Ordinal);
        Assert.Contains("status    measured", text, StringComparison.Ordinal);
        Assert.Contains(
            "messages  scheduled 100   sent 100   received 96   lost 4   duplicates 1   reordered 0   send failures 1",
            Lines(text));
        Assert.Contains("rate      target 100/s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hop_table_has_one_row_per_hop()
    {
        var rows = HopRows(SummaryTable.Render(Summary()));

        Assert.Equal(
            [
                ["trigger", "->", "action01", "99", "0"],
                ["action01", "->", "action02", "96", "3"],
                ["action02", "->", "conclusion", "96", "0"],
            ],
            rows);
    }

    [Fact]
    public void Every_hop_has_its_latency_rows()
    {
        var lines = Lines(SummaryTable.Render(Summary()));

        foreach (var (caller, component) in new[] { ("trigger", "action01"), ("action01", "action02"), ("action02", "conclusion") })
        {
            Assert.Single(lines, l => l.StartsWith($"{component} service time ", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith($"{caller} -> {component} round trip ", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith($"{caller} -> {component} transit ", StringComparison.Ordinal));
        }

        var e2e = Assert.Single(lines, l => l.StartsWith("end-to-end ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["end-to-end", "96", "20.0", "20.0", "20.0", "20.0", "20.0"], e2e);
    }

    [Fact]
    public void An_async_hops_answer_is_its_publish()
    {
        var lines = Lines(SummaryTable.Render(Summary() with { Transport = "jetstream" }));

        Assert.Single(lines, l => l.StartsWith("trigger -> action01 publish ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("round trip", StringComparison.Ordinal));
    }

    [Fact]
    public void Replies_get_their_own_row_only_when_the_run_had_them()
    {
        var summary = Summary();

        var without = Lines(SummaryTable.Render(summary));
        var with = Lines(SummaryTable.Render(summary with { Reply = summary.EndToEnd }));

        Assert.DoesNotContain(without, l => l.StartsWith("reply", StringComparison.Ordinal));
        var reply = Assert.Single(with, l => l.StartsWith("reply (trigger clock) ", StringComparison.Ordinal)).Split("  ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["reply (trigger clock)", "96", "20.0", "20.0", "20.0", "20.0", "20.0"], reply.Select(c => c.Trim()));
    }

    [Fact]
    public void Unknown_counts_are_dashes_and_an_unmeasured_run_says_so()
    {
        var text = SummaryTable.Render(Summary(missing: ["action01", "conclusion"]));

        Assert.Contains("status    NOT MEASURED (see notes)", text, StringComparison.Ordinal);
        Assert.Equal(
            [
                ["trigger", "->", "action01", "-", "-"],
                ["action01", "->", "action02", "96", "-"],
                ["action02", "->", "conclusion", "-", "-"],
            ],
            HopRows(text));
    }

    [Fact]
    public void Repetitions_get_a_table_of_their_own_only_when_there_are_several()
    {
        var one = Lines(SummaryTable.Render(Summary(repetitions: 1)));
        var three = Lines(SummaryTable.Render(Summary(repetitions: 3)));

        Assert.DoesNotContain(one, l => l.StartsWith("repetition", StringComparison.Ordinal));
        var rows = three.SkipWhile(l => !l.StartsWith("repetition", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(
            [
                ["1", "100", "96", "4", "20.0", "20.0"],
                ["2", "100", "100", "0", "20.0", "20.0"],
                ["3", "100", "100", "0", "20.0", "20.0"],
            ],
            rows);
    }

    [Fact]
    public void Notes_close_the_table()
    {
        var lines = Lines(SummaryTable.Render(Summary(notes: ["the records of action03 could not be had"])));

        Assert.Equal("note: the records of action03 could not be had", lines[^2]);
        Assert.Equal("", lines[^1]);
    }
}
