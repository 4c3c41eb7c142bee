namespace MeshAspire.MetricsCollector.Discovery;

/// <summary>
/// The pod labels the collector discovers targets by (Kubernetes' recommended labels), which the published manifests
/// put on every pod: <c>app.kubernetes.io/part-of=meshaspire</c> selects the run's pods,
/// <c>app.kubernetes.io/name</c> is the component's rootname or the broker's name, and
/// <c>app.kubernetes.io/component</c> its role.
/// </summary>
public static class KubernetesLabels
{
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string Name = "app.kubernetes.io/name";
    public const string Component = "app.kubernetes.io/component";

    public const string PartOfValue = "meshaspire";

    public const string TriggerComponent = "trigger";
    public const string ActionComponent = "action";
    public const string ConclusionComponent = "conclusion";
    public const string BrokerComponent = "broker";
    public const string CollectorComponent = "collector";

    /// <summary>The label selector the collector lists pods with.</summary>
    public const string Selector = PartOf + "=" + PartOfValue;
}
