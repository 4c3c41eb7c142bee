namespace MeshAspire.Workflow.Hosting;

/// <summary>
/// Lets the runtime's socket engine run the code that follows a send or receive on its own epoll thread, instead of
/// waking a thread-pool worker for it. On two cores that wake-up was most of a hop's CPU and of its latency tail
/// (docs/benchmarks.md). The runtime reads this variable once, when the first socket is used.
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns inline completions on unless the environment already says either way; returns the value in force.</summary>
    public static string EnableUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen)
        {
            return chosen;
        }

        Environment.SetEnvironmentVariable(Variable, "1");
        return "1";
    }
}
