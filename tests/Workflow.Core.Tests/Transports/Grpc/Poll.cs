namespace MeshAspire.Workflow.Tests.Transports.Grpc;

internal static class Poll
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 20 ms: synchronisation by state.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"gave up waiting {Patience.TotalSeconds:0} s until {what}");
            }
        }
    }
}
