using MeshAspire.Workflow.Hosting;

namespace MeshAspire.Workflow.Tests.Hosting;

/// <summary>Role processes run socket completions inline unless whoever started them chose otherwise.</summary>
public sealed class InlineSocketCompletionsTests
{
    [Theory]
    [InlineData(null, "1")]
    [InlineData("", "1")]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    public void An_unset_variable_is_turned_on_and_a_chosen_one_is_kept(string? before, string expected)
    {
        var original = Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable);
        try
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, before);

            Assert.Equal(expected, InlineSocketCompletions.EnableUnlessSet());
            Assert.Equal(expected, Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, original);
        }
    }
}
