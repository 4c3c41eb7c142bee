using k8s;
using k8s.Models;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Kubernetes;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Transports;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// One Deployment and one Service per component, named after its rootname (the Action image once per action, as the
/// thesis did): probes on /health and /alive, requests and limits, non-root with a read-only root, the scenario
/// mounted from its ConfigMap. The trigger is published with no replica: scaling it to one starts the run.
/// </summary>
internal static class ComponentManifests
{
    public const string ScenarioConfigMap = "meshaspire-scenario";
    public const string ScenarioKey = "scenario.properties";
    public const string RunIdKey = "run-id";
    public const string ScenarioMountPath = "/etc/meshaspire";
    public const string HttpPortName = "http";

    public static IReadOnlyList<IKubernetesObject> For(PublishPlan plan, ComponentSpec component, RemoteHops remoteHops, Brokers.BrokerManifests? broker)
    {
        var cluster = plan.ClusterOf(component);
        var role = RoleName(component.Role);
        var hop = HopPort(plan, component);
        var ports = hop is null ? [Http] : new[] { Http, hop };
        var opaque = hop is not null && plan.Transport == TransportKind.Tcp ? new[] { hop.Port } : [];

        var template = new V1PodTemplateSpec
        {
            Metadata = ManifestMetadata.PodMeta(component.RootName, role, cluster).WithMetrics(HttpPortName, "/metrics"),
            Spec = new V1PodSpec
            {
                AutomountServiceAccountToken = false,
                SecurityContext = ContainerSecurity.Pod(ContainerSecurity.DotNetAppUser),
                Containers =
                [
                    new V1Container
                    {
                        Name = component.RootName,
                        Image = ContainerImages.Ours(plan.Options, ImageOf(component.Role)),
                        Env = Environment(plan, component, remoteHops, broker),
                        Ports = ports.Select(p => p.ForContainer()).ToList(),
                        ReadinessProbe = Probe("/health", periodSeconds: 5),
                        LivenessProbe = Probe("/alive", periodSeconds: 10),
                        Resources = ContainerSecurity.Resources("250m", "128Mi", "1", "512Mi"),
                        SecurityContext = ContainerSecurity.Container(readOnlyRootFilesystem: true),
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = "scenario", MountPath = ScenarioMountPath, ReadOnlyProperty = true },
                            new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
                        ],
                    },
                ],
                Volumes =
                [
                    new V1Volume { Name = "scenario", ConfigMap = new V1ConfigMapVolumeSource { Name = ScenarioConfigMap } },
                    ContainerSecurity.EmptyDir("tmp"),
                ],
            },
        };
        MeshInjection.Apply(template, plan.Mesh, opaque);

        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = ManifestMetadata.Meta(component.RootName, role, plan.Options.Namespace),
            Spec = new V1DeploymentSpec
            {
                // The trigger starts the run: it is scaled to 1 once everything else is ready (docs/kubernetes.md),
                // as a local run's WaitFor does, so that nothing is sent before its consumers exist.
                Replicas = component.Role == ComponentRole.Trigger ? 0 : 1,
                Selector = new V1LabelSelector { MatchLabels = ManifestMetadata.Selector(component.RootName) },
                Template = template,
            },
        };

        var service = Service(plan, component, ports);
        MeshInjection.ApplyToService(service, plan.Mesh, opaque);
        remoteHops.MarkExported(component, service);
        return [deployment, service];
    }

    /// <summary>The component's Service: the workload's own, or the stub Istio needs where it is remote.</summary>
    public static V1Service Service(PublishPlan plan, ComponentSpec component, IReadOnlyList<ServicePort>? ports = null)
    {
        ports ??= HopPort(plan, component) is { } hop ? [Http, hop] : [Http];
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = ManifestMetadata.Meta(component.RootName, RoleName(component.Role), plan.Options.Namespace),
            Spec = new V1ServiceSpec
            {
                Selector = ManifestMetadata.Selector(component.RootName),
                Ports = ports.Select(p => p.ForService()).ToList(),
            },
        };
    }

    /// <summary>The hop port a component listens on (sync transports, not the trigger): the scenario's port.from.</summary>
    public static ServicePort? HopPort(PublishPlan plan, ComponentSpec component)
    {
        if (!plan.Transport.IsSynchronous() || component.Role == ComponentRole.Trigger)
        {
            return null;
        }

        var port = component.PortFrom ?? throw new InvalidOperationException($"{component.RootName} has no communication.port.from");
        var name = HopAddress.EndpointNameFor(plan.Transport);
        return plan.Transport == TransportKind.Tcp ? ServicePort.Tcp(name, port) : ServicePort.Grpc(name, port);
    }

    public static string RoleName(ComponentRole role) => role switch
    {
        ComponentRole.Trigger => KubernetesLabels.TriggerComponent,
        ComponentRole.Action => KubernetesLabels.ActionComponent,
        _ => KubernetesLabels.ConclusionComponent,
    };

    private static readonly ServicePort Http = ServicePort.Http(HttpPortName, WorkflowOptions.DefaultHttpPort);

    private static string ImageOf(ComponentRole role) => role switch
    {
        ComponentRole.Trigger => ContainerImages.Trigger,
        ComponentRole.Action => ContainerImages.Action,
        _ => ContainerImages.Conclusion,
    };

    private static List<V1EnvVar> Environment(PublishPlan plan, ComponentSpec component, RemoteHops remoteHops, Brokers.BrokerManifests? broker)
    {
        var env = new List<V1EnvVar>
        {
            Value(WorkflowOptions.Scenario, $"{ScenarioMountPath}/{ScenarioKey}"),
            Value(WorkflowOptions.Component, component.RootName),
            EnvVars.Of(EnvironmentName(WorkflowOptions.RunId), valueFrom: new V1EnvVarSource
            {
                ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = ScenarioConfigMap, Key = RunIdKey },
            }),
        };
        env.AddRange(remoteHops.AddressFor(component));
        if (broker is not null)
        {
            env.AddRange(broker.EnvironmentFor(plan.ClusterOf(component)));
        }

        return env;
    }

    private static V1EnvVar Value(string configurationKey, string value) => EnvVars.Of(EnvironmentName(configurationKey), value);

    public static string EnvironmentName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static V1Probe Probe(string path, int periodSeconds) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = HttpPortName },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 2,
        FailureThreshold = 3,
    };
}
