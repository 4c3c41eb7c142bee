using k8s;
using k8s.Models;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// The collector: in every cluster a ServiceAccount with the least it needs (get and list pods, services and their
/// metrics.k8s.io usage in the run's namespace; nodes and their usage cluster-wide, read-only); in the trigger's
/// cluster the Job that follows the run, its results on a volume.
/// </summary>
internal static class CollectorManifests
{
    public const string JobName = "collector";

    public static IReadOnlyList<IKubernetesObject> Rbac(PublishPlan plan, string cluster)
    {
        var ns = plan.Options.Namespace;
        var account = CollectorSettings.ServiceAccount;
        var clusterWideName = $"{account}-{ns}";
        var subject = new Rbacv1Subject { Kind = "ServiceAccount", Name = account, NamespaceProperty = ns };
        var objects = new List<IKubernetesObject>
        {
            new V1ServiceAccount
            {
                ApiVersion = "v1",
                Kind = "ServiceAccount",
                Metadata = ManifestMetadata.Meta(account, KubernetesLabels.CollectorComponent, ns),
                AutomountServiceAccountToken = cluster == plan.HomeCluster,
            },
            new V1Role
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "Role",
                Metadata = ManifestMetadata.Meta(account, KubernetesLabels.CollectorComponent, ns),
                Rules =
                [
                    new V1PolicyRule { ApiGroups = [""], Resources = ["pods", "services"], Verbs = ["get", "list"] },
                    new V1PolicyRule { ApiGroups = ["metrics.k8s.io"], Resources = ["pods"], Verbs = ["get", "list"] },
                ],
            },
            new V1RoleBinding
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "RoleBinding",
                Metadata = ManifestMetadata.Meta(account, KubernetesLabels.CollectorComponent, ns),
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = account },
                Subjects = [subject],
            },
            new V1ClusterRole
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "ClusterRole",
                Metadata = ManifestMetadata.ClusterMeta(clusterWideName, KubernetesLabels.CollectorComponent),
                Rules =
                [
                    new V1PolicyRule { ApiGroups = [""], Resources = ["nodes"], Verbs = ["get", "list"] },
                    new V1PolicyRule { ApiGroups = ["metrics.k8s.io"], Resources = ["nodes"], Verbs = ["get", "list"] },
                ],
            },
            new V1ClusterRoleBinding
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "ClusterRoleBinding",
                Metadata = ManifestMetadata.ClusterMeta(clusterWideName, KubernetesLabels.CollectorComponent),
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = clusterWideName },
                Subjects = [subject],
            },
        };

        if (cluster != plan.HomeCluster)
        {
            // The collector in the trigger's cluster reads this cluster with this token (in the kubeconfig the user makes).
            var token = ManifestMetadata.Meta(CollectorSettings.TokenSecret, KubernetesLabels.CollectorComponent, ns);
            token.Annotations = new Dictionary<string, string> { [KubernetesLabels.ServiceAccountName] = account };
            objects.Add(new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = token, Type = "kubernetes.io/service-account-token" });
        }

        return objects;
    }

    public static IReadOnlyList<IKubernetesObject> Job(PublishPlan plan)
    {
        var ns = plan.Options.Namespace;
        var env = new List<V1EnvVar>
        {
            EnvVars.Of(ComponentManifests.EnvironmentName(WorkflowOptions.Scenario), $"{ComponentManifests.ScenarioMountPath}/{ComponentManifests.ScenarioKey}"),
            EnvVars.Of(ComponentManifests.EnvironmentName(WorkflowOptions.RunId), valueFrom: new V1EnvVarSource
            {
                ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = ComponentManifests.ScenarioConfigMap, Key = ComponentManifests.RunIdKey },
            }),
            EnvVars.Of("Collector__Results", CollectorSettings.ResultsPath),
            EnvVars.Of(ComponentManifests.EnvironmentName(CollectorClusterOptions.Namespace), ns),
            EnvVars.Of(ComponentManifests.EnvironmentName(CollectorClusterOptions.Cluster), plan.HomeCluster),
        };
        var mounts = new List<V1VolumeMount>
        {
            new() { Name = "scenario", MountPath = ComponentManifests.ScenarioMountPath, ReadOnlyProperty = true },
            new() { Name = "results", MountPath = CollectorSettings.ResultsPath },
            new() { Name = "tmp", MountPath = "/tmp" },
        };
        var volumes = new List<V1Volume>
        {
            new() { Name = "scenario", ConfigMap = new V1ConfigMapVolumeSource { Name = ComponentManifests.ScenarioConfigMap } },
            new() { Name = "results", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = CollectorSettings.ResultsClaim } },
            ContainerSecurity.EmptyDir("tmp"),
        };

        if (plan.SpansClusters)
        {
            env.Add(EnvVars.Of(ComponentManifests.EnvironmentName(CollectorClusterOptions.Kubeconfig), CollectorSettings.KubeconfigFile));
            foreach (var cluster in plan.Clusters.Where(c => c != plan.HomeCluster))
            {
                // The context in the kubeconfig the user makes for the collector is named after the cluster.
                env.Add(EnvVars.Of(ComponentManifests.EnvironmentName(CollectorClusterOptions.ClusterKey(cluster)), cluster));
            }

            mounts.Add(new V1VolumeMount { Name = "kubeconfig", MountPath = CollectorSettings.KubeconfigPath, ReadOnlyProperty = true });
            volumes.Add(new V1Volume { Name = "kubeconfig", Secret = new V1SecretVolumeSource { SecretName = CollectorSettings.KubeconfigSecret } });
        }

        if (plan.Options.PostgresStorage is not null)
        {
            env.Add(EnvVars.Of("POSTGRES_PASSWORD", valueFrom: new V1EnvVarSource
            {
                SecretKeyRef = new V1SecretKeySelector { Name = PostgresManifests.Secret, Key = PostgresManifests.PasswordKey },
            }));
            env.Add(EnvVars.Of(CollectorSettings.PostgresConnectionKey,
                $"Host={PostgresManifests.Name};Port={PostgresManifests.Port};Database={PostgresManifests.Database};Username={PostgresManifests.User};Password=$(POSTGRES_PASSWORD)"));
        }

        var claim = new V1PersistentVolumeClaim
        {
            ApiVersion = "v1",
            Kind = "PersistentVolumeClaim",
            Metadata = ManifestMetadata.Meta(CollectorSettings.ResultsClaim, KubernetesLabels.CollectorComponent, ns),
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
            },
        };

        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = ManifestMetadata.Meta(JobName, KubernetesLabels.CollectorComponent, ns),
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                // Resumed with the trigger's scale-up: it gives up on a trigger that does not answer in time.
                Suspend = true,
                Template = new V1PodTemplateSpec
                {
                    Metadata = ManifestMetadata.PodMeta(JobName, KubernetesLabels.CollectorComponent, plan.HomeCluster),
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = CollectorSettings.ServiceAccount,
                        SecurityContext = ContainerSecurity.Pod(ContainerSecurity.DotNetAppUser),
                        Containers =
                        [
                            new V1Container
                            {
                                Name = JobName,
                                Image = ContainerImages.Ours(plan.Options, ContainerImages.Collector),
                                Env = env,
                                Resources = ContainerSecurity.Resources("250m", "256Mi", "1", "2Gi"),
                                SecurityContext = ContainerSecurity.Container(readOnlyRootFilesystem: true),
                                VolumeMounts = mounts,
                            },
                        ],
                        Volumes = volumes,
                    },
                },
            },
        };
        return [claim, job];
    }
}
