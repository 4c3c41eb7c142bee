using System.Net;
using k8s.Models;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Kubernetes.Brokers;

/// <summary>The Deployment, Service and cross-cluster Service of a broker process.</summary>
internal static class BrokerWorkload
{
    public static V1Deployment Deployment(
        PublishPlan plan, string name, string cluster, V1Container container, long user, IReadOnlyList<V1Volume> volumes,
        IReadOnlyList<int> opaquePorts, string? metricsPort, string metricsPath = "/metrics")
    {
        var podMeta = ManifestMetadata.PodMeta(name, KubernetesLabels.BrokerComponent, cluster);
        if (metricsPort is not null)
        {
            podMeta.WithMetrics(metricsPort, metricsPath);
        }

        container.SecurityContext ??= ContainerSecurity.Container(readOnlyRootFilesystem: false);
        var template = new V1PodTemplateSpec
        {
            Metadata = podMeta,
            Spec = new V1PodSpec
            {
                AutomountServiceAccountToken = false,
                SecurityContext = ContainerSecurity.Pod(user),
                Containers = [container],
                Volumes = volumes.ToList(),
            },
        };
        MeshInjection.Apply(template, plan.Mesh, opaquePorts);
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = ManifestMetadata.Meta(name, KubernetesLabels.BrokerComponent, plan.Options.Namespace),
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = ManifestMetadata.Selector(name) },
                Template = template,
            },
        };
    }

    public static V1Service Service(PublishPlan plan, string name, IReadOnlyList<ServicePort> ports, IReadOnlyList<int> opaquePorts)
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = ManifestMetadata.Meta(name, KubernetesLabels.BrokerComponent, plan.Options.Namespace),
            Spec = new V1ServiceSpec { Selector = ManifestMetadata.Selector(name), Ports = ports.Select(p => p.ForService()).ToList() },
        };
        MeshInjection.ApplyToService(service, plan.Mesh, opaquePorts);
        return service;
    }

    /// <summary>
    /// <c>&lt;name&gt;-remote</c>: the broker's ports the other clusters use, on an internal (VPC) load balancer at the
    /// address reserved for it (<c>--broker-address</c>).
    /// </summary>
    public static V1Service RemoteService(PublishPlan plan, string name, string cluster, IReadOnlyList<ServicePort> ports)
    {
        var address = plan.Options.BrokerAddresses[cluster];
        var meta = ManifestMetadata.Meta($"{name}-remote", KubernetesLabels.BrokerComponent, plan.Options.Namespace);
        meta.Annotations = new Dictionary<string, string>
        {
            [KubernetesLabels.GkeLoadBalancerType] = "Internal",
            [KubernetesLabels.GkeInternalGlobalAccess] = "true",
        };
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = meta,
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer",
                LoadBalancerIP = IPAddress.TryParse(address, out _) ? address : null,
                Selector = ManifestMetadata.Selector(name),
                Ports = ports.Select(p => p.ForService()).ToList(),
            },
        };
    }

    public static V1ConfigMap ConfigMap(PublishPlan plan, string name, IDictionary<string, string> data) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = ManifestMetadata.Meta(name, KubernetesLabels.BrokerComponent, plan.Options.Namespace),
        Data = data,
    };

    /// <summary>A one-off Job beside the broker (topics, federation), outside the mesh so that it can complete.</summary>
    public static V1Job Job(PublishPlan plan, string name, string cluster, V1Container container, long user)
    {
        container.SecurityContext ??= ContainerSecurity.Container(readOnlyRootFilesystem: true);
        container.Resources ??= ContainerSecurity.Resources("50m", "64Mi", "500m", "512Mi");
        container.VolumeMounts ??= [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }];
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = ManifestMetadata.Meta(name, KubernetesLabels.BrokerComponent, plan.Options.Namespace),
            Spec = new V1JobSpec
            {
                BackoffLimit = 10,
                Template = new V1PodTemplateSpec
                {
                    Metadata = ManifestMetadata.PodMeta(name, KubernetesLabels.BrokerComponent, cluster),
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "OnFailure",
                        AutomountServiceAccountToken = false,
                        SecurityContext = ContainerSecurity.Pod(user),
                        Containers = [container],
                        Volumes = [ContainerSecurity.EmptyDir("tmp")],
                    },
                },
            },
        };
    }
}
