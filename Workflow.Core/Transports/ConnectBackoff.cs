namespace MeshAspire.Workflow.Transports;

/// <summary>Exponential backoff between connection attempts: 50 ms doubling up to 2 s.</summary>
public struct ConnectBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(2);

    private TimeSpan _next;

    public TimeSpan Next()
    {
        var current = _next == TimeSpan.Zero ? First : _next;
        _next = current * 2 > Longest ? Longest : current * 2;
        return current;
    }

    public void Reset() => _next = TimeSpan.Zero;
}
