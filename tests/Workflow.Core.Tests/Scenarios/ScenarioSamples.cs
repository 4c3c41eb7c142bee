using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Tests.Scenarios;

/// <summary>Scenario texts for the tests, as arrays of lines so that line numbers can be read off (index + 1).</summary>
internal static class ScenarioSamples
{
    public const string FileLabel = "test.properties";

    public const string Topic1 = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1";
    public const string Topic2 = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION2";
    public const string Topic3 = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION3";

    /// <summary>The thesis's Code 6-2, line for line.</summary>
    public static readonly string[] Sync =
    [
        /* 1 */ "duration=2minutes",
        /* 2 */ "",
        /* 3 */ "[trigger]",
        /* 4 */ "rootname=trigger",
        /* 5 */ "operation.ops.start=10",
        /* 6 */ "operation.ops.end=10",
        /* 7 */ "communication.hostname.to=action01",
        /* 8 */ "communication.port.to=10091",
        /* 9 */ "communication.port.from=10090",
        /* 10 */ "",
        /* 11 */ "[action]",
        /* 12 */ "rootname=action01",
        /* 13 */ "operation.ops.start=100",
        /* 14 */ "operation.ops.end=100",
        /* 15 */ "communication.hostname.to=action02",
        /* 16 */ "communication.port.to=10091",
        /* 17 */ "communication.port.from=10091",
        /* 18 */ "",
        /* 19 */ "[action]",
        /* 20 */ "rootname=action02",
        /* 21 */ "operation.ops.start=100",
        /* 22 */ "operation.ops.end=100",
        /* 23 */ "communication.hostname.to=conclusion",
        /* 24 */ "communication.port.to=10091",
        /* 25 */ "communication.port.from=10091",
        /* 26 */ "",
        /* 27 */ "[conclusion]",
        /* 28 */ "rootname=conclusion",
        /* 29 */ "operation.ops.start=100",
        /* 30 */ "operation.ops.end=100",
        /* 31 */ "communication.port.to=10091",
        /* 32 */ "communication.port.from=10091",
    ];

    /// <summary>Code 6-2 with Code 6-4's topics in place of communication.hostname.to.</summary>
    public static readonly string[] Async =
    [
        /* 1 */ "duration=2minutes",
        /* 2 */ "",
        /* 3 */ "[trigger]",
        /* 4 */ "rootname=trigger",
        /* 5 */ "operation.ops.start=10",
        /* 6 */ "operation.ops.end=10",
        /* 7 */ $"communication.to={Topic1}",
        /* 8 */ "communication.port.to=10091",
        /* 9 */ "communication.port.from=10090",
        /* 10 */ "",
        /* 11 */ "[action]",
        /* 12 */ "rootname=action01",
        /* 13 */ "operation.ops.start=100",
        /* 14 */ "operation.ops.end=100",
        /* 15 */ $"communication.from={Topic1}",
        /* 16 */ $"communication.to={Topic2}",
        /* 17 */ "communication.port.to=10091",
        /* 18 */ "communication.port.from=10091",
        /* 19 */ "",
        /* 20 */ "[action]",
        /* 21 */ "rootname=action02",
        /* 22 */ "operation.ops.start=100",
        /* 23 */ "operation.ops.end=100",
        /* 24 */ $"communication.from={Topic2}",
        /* 25 */ $"communication.to={Topic3}",
        /* 26 */ "communication.port.to=10091",
        /* 27 */ "communication.port.from=10091",
        /* 28 */ "",
        /* 29 */ "[conclusion]",
        /* 30 */ "rootname=conclusion",
        /* 31 */ "operation.ops.start=100",
        /* 32 */ "operation.ops.end=100",
        /* 33 */ $"communication.from={Topic3}",
        /* 34 */ "communication.port.to=10091",
        /* 35 */ "communication.port.from=10091",
    ];

    /// <summary>The path of a file shipped in scenarios/ and copied next to the tests.</summary>
    public static string Shipped(string fileName) => Path.Combine(AppContext.BaseDirectory, "scenarios", fileName);

    /// <summary>The lines joined with LF.</summary>
    public static string Text(params string[] lines) => string.Join("\n", lines);

    /// <summary><paramref name="lines"/> with some lines replaced (1-based); "" blanks a line and keeps the numbering.</summary>
    public static string[] Changed(string[] lines, params (int Line, string Text)[] changes)
    {
        var copy = (string[])lines.Clone();
        foreach (var (line, text) in changes)
        {
            copy[line - 1] = text;
        }

        return copy;
    }

    /// <summary>The text of <see cref="Changed"/>.</summary>
    public static string With(string[] lines, params (int Line, string Text)[] changes) => Text(Changed(lines, changes));

    /// <summary><paramref name="lines"/> with lines inserted after line <paramref name="after"/>.</summary>
    public static string Inserted(string[] lines, int after, params string[] inserted) =>
        Text([.. lines.Take(after), .. inserted, .. lines.Skip(after)]);

    public static Scenario Parses(string text)
    {
        var result = ScenarioParser.ParseText(text, FileLabel);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Empty(result.Errors);
        return result.Scenario!;
    }

    public static IReadOnlyList<ScenarioError> Fails(string text)
    {
        var result = ScenarioParser.ParseText(text, FileLabel);
        Assert.Null(result.Scenario);
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.Equal(FileLabel, e.File));
        return result.Errors;
    }

    /// <summary>Asserts the text fails with exactly one error, on <paramref name="line"/> and <paramref name="key"/>.</summary>
    public static ScenarioError FailsOnce(string text, int line, string? key)
    {
        var errors = Fails(text);
        Assert.True(errors.Count == 1, $"expected one error, got:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        var error = errors[0];
        Assert.Equal(line, error.Line);
        Assert.Equal(key, error.Key);
        return error;
    }
}
