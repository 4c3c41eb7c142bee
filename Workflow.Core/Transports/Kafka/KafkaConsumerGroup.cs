namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// The consumer group of a component in a run: <c>meshaspire.&lt;rootname&gt;.&lt;run id&gt;</c>. The run is part of
/// it so that every run starts as a new group with no committed offsets: a group reused across runs would resume at
/// the offsets an earlier run committed, which a later run cannot rely on (the topic may have been recreated, the
/// earlier run may have stopped mid-way). A component restarted within its run rejoins its group and resumes at its
/// committed offsets.
/// </summary>
public static class KafkaConsumerGroup
{
    public static string For(string component, string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return $"meshaspire.{component}.{runId}";
    }
}
