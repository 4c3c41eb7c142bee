using System.Diagnostics;

namespace MeshAspire.Workflow.Running;

/// <summary>
/// Sampled traces of a message's path. Only messages the trigger samples carry a traceparent; the others
/// create no activity at all, so tracing costs the load nothing measurable.
/// </summary>
public static class WorkflowTracing
{
    public static readonly ActivitySource Source = new(WorkflowMetrics.Name);

    public static bool IsSampled(long sequence, int traceEvery) => traceEvery > 0 && sequence % traceEvery == 0;

    /// <summary>Starts a span continuing the message's trace, or returns null when the message is not traced.</summary>
    public static Activity? Continue(Envelope envelope, string name, ActivityKind kind, long startNanos)
    {
        if (envelope.Traceparent.Length == 0
            || !ActivityContext.TryParse(envelope.Traceparent, null, out var parent))
        {
            return null;
        }

        var activity = Source.StartActivity(name, kind, parent, startTime: Timing.UnixClock.ToDateTimeOffset(startNanos));
        activity?.SetTag("meshaspire.sequence", envelope.Sequence);
        return activity;
    }
}
