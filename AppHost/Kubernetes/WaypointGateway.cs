using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using MeshAspire.Workflow.Kubernetes;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// The Gateway API <c>Gateway</c> that is Istio ambient mode's waypoint proxy for the namespace. KubernetesClient has
/// no model for Gateway API objects: this is the part of its schema a waypoint uses.
/// </summary>
public sealed class WaypointGateway : IKubernetesObject<V1ObjectMeta>
{
    public const string GatewayApiVersion = "gateway.networking.k8s.io/v1";
    public const string GatewayKind = "Gateway";
    public const string Name = "waypoint";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GatewayApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = GatewayKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public GatewaySpec Spec { get; set; } = new();

    public sealed class GatewaySpec
    {
        [JsonPropertyName("gatewayClassName")]
        public string GatewayClassName { get; set; } = "";

        [JsonPropertyName("listeners")]
        public IList<GatewayListener> Listeners { get; set; } = [];
    }

    public sealed class GatewayListener
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = "";

        [JsonPropertyName("port")]
        public int Port { get; set; }

        [JsonPropertyName("protocol")]
        public string Protocol { get; set; } = "";
    }

    /// <summary>What <c>istioctl waypoint generate --for service</c> writes.</summary>
    public static WaypointGateway For(string @namespace)
    {
        var meta = ManifestMetadata.Meta(Name, "waypoint", @namespace);
        meta.Labels[KubernetesLabels.IstioWaypointFor] = "service";
        return new WaypointGateway
        {
            Metadata = meta,
            Spec = new GatewaySpec
            {
                GatewayClassName = "istio-waypoint",
                Listeners = [new GatewayListener { Name = "mesh", Port = 15008, Protocol = "HBONE" }],
            },
        };
    }
}
