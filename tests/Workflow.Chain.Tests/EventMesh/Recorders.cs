using System.Collections.Concurrent;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.Workflow.Chain.Tests.EventMesh;

/// <summary>What a sender reported for each token.</summary>
internal sealed class RecordingObserver : IDeliveryObserver
{
    public ConcurrentDictionary<long, string> Outcomes { get; } = new();

    public void Acknowledged(long token, long acknowledgedNanos) => Outcomes[token] = "acknowledged";

    public void Failed(long token, DeliveryFailure failure) => Outcomes[token] = failure.ToString();
}

/// <summary>Every envelope a receiver handed on.</summary>
internal sealed class RecordingSink : IEnvelopeSink
{
    public ConcurrentQueue<Envelope> Envelopes { get; } = new();

    public void Accept(Envelope envelope, long receivedNanos) => Envelopes.Enqueue(envelope);
}

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
