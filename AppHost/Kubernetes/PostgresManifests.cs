using k8s;
using k8s.Models;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// PostgreSQL for the run store, when asked (<c>--postgres[=SIZE]</c>): a StatefulSet with a volume of that size in the
/// collector's cluster. Its password is in the Secret the user creates (<see cref="Secret"/>), never in a manifest.
/// </summary>
internal static class PostgresManifests
{
    public const string Name = "postgres";
    public const string Secret = "meshaspire-postgres";
    public const string PasswordKey = "password";
    public const string Database = "meshaspire";
    public const string User = "meshaspire";
    public const int Port = 5432;

    /// <summary>The postgres user of the Alpine image.</summary>
    private const long PostgresUser = 70;

    public static IReadOnlyList<IKubernetesObject> For(PublishPlan plan, string storage)
    {
        var ns = plan.Options.Namespace;
        var port = ServicePort.Tcp("tcp-postgres", Port);
        var container = new V1Container
        {
            Name = Name,
            Image = ContainerImages.Postgres,
            Env =
            [
                EnvVars.Of("POSTGRES_DB", Database),
                EnvVars.Of("POSTGRES_USER", User),
                EnvVars.Of("POSTGRES_PASSWORD", valueFrom: new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = Secret, Key = PasswordKey } }),
                EnvVars.Of("PGDATA", "/var/lib/postgresql/data/pgdata"),
            ],
            Ports = [port.ForContainer()],
            ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["pg_isready", "-U", User, "-d", Database] }, PeriodSeconds = 5 },
            LivenessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["pg_isready", "-U", User, "-d", Database] }, PeriodSeconds = 20, InitialDelaySeconds = 30 },
            Resources = ContainerSecurity.Resources("250m", "512Mi", "1", "1Gi"),
            SecurityContext = ContainerSecurity.Container(readOnlyRootFilesystem: true),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "data", MountPath = "/var/lib/postgresql/data" },
                new V1VolumeMount { Name = "run", MountPath = "/var/run/postgresql" },
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            ],
        };

        var statefulSet = new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = ManifestMetadata.Meta(Name, KubernetesLabels.DatabaseComponent, ns),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = Name,
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = ManifestMetadata.Selector(Name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = ManifestMetadata.PodMeta(Name, KubernetesLabels.DatabaseComponent, plan.HomeCluster),
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        SecurityContext = ContainerSecurity.Pod(PostgresUser),
                        Containers = [container],
                        Volumes = [ContainerSecurity.EmptyDir("run"), ContainerSecurity.EmptyDir("tmp")],
                    },
                },
                VolumeClaimTemplates =
                [
                    new V1PersistentVolumeClaim
                    {
                        Metadata = new V1ObjectMeta { Name = "data" },
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = ["ReadWriteOnce"],
                            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(storage) } },
                        },
                    },
                ],
            },
        };

        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = ManifestMetadata.Meta(Name, KubernetesLabels.DatabaseComponent, ns),
            Spec = new V1ServiceSpec { Selector = ManifestMetadata.Selector(Name), Ports = [port.ForService()] },
        };
        return [statefulSet, service];
    }
}
