using System.Collections.Concurrent;
using System.Text.Json.Nodes;
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
    public string WriteKubeconfig(string folder)
    {
        var path = Path.Combine(folder, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: gke_meshaspire_europe-west1-b_cluster1
              cluster:
                server: {Address.AbsoluteUri.TrimEnd('/')}
            - name: gke_meshaspire_us-central1-a_cluster2
              cluster:
                server: {Address.AbsoluteUri.TrimEnd('/')}
            users:
            - name: collector-cluster1
              user:
                token: cluster1-token
            - name: collector-cluster2
              user:
                token: cluster2-token
            contexts:
            - name: cluster1
              context:
                cluster: gke_meshaspire_europe-west1-b_cluster1
                user: collector-cluster1
                namespace: {Namespace}
            - name: cluster2
              context:
                cluster: gke_meshaspire_us-central1-a_cluster2
                user: collector-cluster2
                namespace: {Namespace}
            current-context: cluster1
            """);
        return path;
    }

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
