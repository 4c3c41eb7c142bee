using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using MeshAspire.Workflow.Chain.Tests;
using Microsoft.Extensions.Logging;

namespace MeshAspire.MetricsCollector.Tests.Discovery;

/// <summary>
/// Stand-in for two Kubernetes API servers (no cluster runs here): a loopback Kestrel server answering the three
/// requests the collector makes with the recorded responses in Fixtures/kubernetes/&lt;cluster&gt;, the cluster told
/// apart by the bearer token its kubeconfig context carries. Like the API server it filters lists by equality label
/// selectors, answers 401 to a missing or unknown token and 404 to another namespace, in the API's Status shape.
/// </summary>
internal sealed class KubernetesApiStandIn : IAsyncDisposable
{
    public const string Namespace = "meshaspire";

    private static readonly Dictionary<string, string> ClusterByToken = new()
    {
        ["Bearer cluster1-token"] = "cluster1",
        ["Bearer cluster2-token"] = "cluster2",
    };

    private readonly WebApplication _app;

    private KubernetesApiStandIn(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Every request as "cluster path labelSelector", in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<KubernetesApiStandIn> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new KubernetesApiStandIn(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapGet("/api/v1/namespaces/{ns}/pods", (HttpContext context, string ns) => standIn.Answer(context, ns, "pods.json"));
        app.MapGet("/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods", (HttpContext context, string ns) => standIn.Answer(context, ns, "pod-metrics.json"));
        app.MapGet("/apis/metrics.k8s.io/v1beta1/nodes", (HttpContext context) => standIn.Answer(context, null, "node-metrics.json"));
        await app.StartAsync();
        return standIn;
    }

    /// <summary>A kubeconfig with contexts cluster1 and cluster2 (namespace meshaspire), both at this stand-in.</summary>
    public string WriteKubeconfig(string folder) => WriteKubeconfig(Path.Combine(folder, "kubeconfig"), ("cluster1", "cluster1"), ("cluster2", "cluster2"));

    /// <summary>
    /// A kubeconfig at <paramref name="path"/> with one context per entry, named <c>Context</c>, reaching the stand-in
    /// as <c>Cluster</c> (cluster1 or cluster2: its token) in namespace meshaspire.
    /// </summary>
    public string WriteKubeconfig(string path, params (string Cluster, string Context)[] contexts)
    {
        var server = Address.AbsoluteUri.TrimEnd('/');
        var yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        foreach (var (cluster, _) in contexts)
        {
            yaml.Append($"- name: gke_meshaspire_{cluster}\n  cluster:\n    server: {server}\n");
        }

        yaml.Append("users:\n");
        foreach (var (cluster, _) in contexts)
        {
            yaml.Append($"- name: collector-{cluster}\n  user:\n    token: {cluster}-token\n");
        }

        yaml.Append("contexts:\n");
        foreach (var (cluster, context) in contexts)
        {
            yaml.Append($"- name: {context}\n  context:\n    cluster: gke_meshaspire_{cluster}\n    user: collector-{cluster}\n    namespace: {Namespace}\n");
        }

        yaml.Append($"current-context: {contexts[0].Context}\n");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    /// <summary>
    /// The client configuration <c>KubernetesClientConfiguration.InClusterConfig()</c> gives in a pod of
    /// <paramref name="cluster"/>: the API server's address, the service account's token and namespace.
    /// </summary>
    public KubernetesClientConfiguration ServiceAccount(string cluster) =>
        new() { Host = Address.AbsoluteUri, AccessToken = $"{cluster}-token", Namespace = Namespace };

    private IResult Answer(HttpContext context, string? ns, string file)
    {
        var cluster = ClusterByToken.GetValueOrDefault(context.Request.Headers.Authorization.ToString());
        Requests.Enqueue($"{cluster} {context.Request.Path} {context.Request.Query["labelSelector"]}");
        if (cluster is null)
        {
            return Status(401, "Unauthorized", "Unauthorized");
        }

        if (ns is not null && ns != Namespace)
        {
            return Status(404, "NotFound", $"namespaces \"{ns}\" not found");
        }

        var list = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "kubernetes", cluster, file)))!;
        if (context.Request.Query["labelSelector"].ToString() is { Length: > 0 } selector)
        {
            var items = list["items"]!.AsArray();
            foreach (var item in items.ToArray().Where(item => !Matches(item!, selector)))
            {
                items.Remove(item);
            }
        }

        return TypedResults.Text(list.ToJsonString(), "application/json");
    }

    private static bool Matches(JsonNode item, string selector) =>
        selector.Split(',').All(term =>
        {
            var (key, value) = (term.Split('=', 2)[0], term.Split('=', 2)[1]);
            return item["metadata"]?["labels"]?[key]?.GetValue<string>() == value;
        });

    private static IResult Status(int code, string reason, string message) =>
        TypedResults.Json(
            new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = message,
                ["reason"] = reason,
                ["code"] = code,
            },
            statusCode: code);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
