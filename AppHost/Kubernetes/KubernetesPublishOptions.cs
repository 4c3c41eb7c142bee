using System.Text.RegularExpressions;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.AppHost.Kubernetes;

/// <summary>
/// The publish flags, taken out of the command line before Aspire sees the rest (<c>--output-path</c> stays
/// Aspire's). Every value is checked here, so a bad one stops the publish before anything is written.
/// </summary>
public sealed partial record KubernetesPublishOptions
{
    public const string MeshFlag = "--mesh";
    public const string RegistryFlag = "--registry";
    public const string TagFlag = "--tag";
    public const string NamespaceFlag = "--namespace";
    public const string ClusterFlag = "--cluster";
    public const string BrokerAddressFlag = "--broker-address";
    public const string WaypointFlag = "--waypoint";
    public const string PostgresFlag = "--postgres";
    public const string RunIdFlag = "--run-id";

    public const string DefaultNamespace = "meshaspire";
    public const string DefaultTag = "latest";
    public const string DefaultPostgresStorage = "10Gi";

    /// <summary>Overrides the scenario's <c>mesh</c>; null keeps it.</summary>
    public MeshKind? Mesh { get; init; }

    /// <summary>Where the images are, without a trailing slash (<c>europe-docker.pkg.dev/p/meshaspire</c>); empty: bare names.</summary>
    public string Registry { get; init; } = "";

    public string Tag { get; init; } = DefaultTag;

    public string Namespace { get; init; } = DefaultNamespace;

    /// <summary>The clusters (<c>--cluster NAME=CONTEXT</c>) in the order given; the first takes unplaced components.</summary>
    public IReadOnlyList<ClusterContext> Clusters { get; init; } = [];

    /// <summary>Per cluster, the address the other clusters reach its broker at (a reserved internal load balancer IP).</summary>
    public IReadOnlyDictionary<string, string> BrokerAddresses { get; init; } = new Dictionary<string, string>();

    /// <summary>istio-ambient only: a waypoint proxy for the namespace (L7 processing).</summary>
    public bool Waypoint { get; init; }

    /// <summary>The size of PostgreSQL's volume when asked for (<c>--postgres[=SIZE]</c>); null: no PostgreSQL.</summary>
    public string? PostgresStorage { get; init; }

    /// <summary>The run id every component shares; null: the publish time and the scenario's name.</summary>
    public string? RunId { get; init; }

    public bool AnyGiven { get; init; }

    /// <summary>Takes the publish flags out of <paramref name="args"/>; the rest is for Aspire.</summary>
    public static (KubernetesPublishOptions Options, string[] AspireArguments, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var options = new KubernetesPublishOptions();
        var clusters = new List<ClusterContext>();
        var brokerAddresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        var errors = new List<string>();
        var any = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            if (!IsPublishFlag(flag))
            {
                rest.Add(args[i]);
                continue;
            }

            any = true;
            if (flag == WaypointFlag)
            {
                options = inline is null ? options with { Waypoint = true } : Error(options, errors, $"{WaypointFlag} takes no value (got '{inline}')");
                continue;
            }

            if (flag == PostgresFlag && inline is null)
            {
                options = options with { PostgresStorage = DefaultPostgresStorage };
                continue;
            }

            var value = flag == PostgresFlag ? inline : Value(flag, inline, args, ref i);
            if (value is null)
            {
                errors.Add($"{flag} needs a value: {Usage(flag)}");
                continue;
            }

            options = flag switch
            {
                MeshFlag => ParseMesh(options, value, errors),
                RegistryFlag => RegistryPattern().IsMatch(value)
                    ? options with { Registry = value.TrimEnd('/') }
                    : Error(options, errors, $"{RegistryFlag} '{value}' is not an image registry and path (lower-case letters, digits, '.', '-', '_', '/', a ':port' after the host)"),
                TagFlag => TagPattern().IsMatch(value)
                    ? options with { Tag = value }
                    : Error(options, errors, $"{TagFlag} '{value}' is not an image tag (letters, digits, '_', '.', '-'; no spaces; at most 128, not starting with '.' or '-')"),
                NamespaceFlag => DnsLabel.IsMatch(value)
                    ? options with { Namespace = value }
                    : Error(options, errors, $"{NamespaceFlag} '{value}' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)"),
                ClusterFlag => AddCluster(options, value, clusters, errors),
                BrokerAddressFlag => AddBrokerAddress(options, value, brokerAddresses, errors),
                PostgresFlag => QuantityPattern().IsMatch(value)
                    ? options with { PostgresStorage = value }
                    : Error(options, errors, $"{PostgresFlag}={value} is not a volume size (like 10Gi or 500Mi)"),
                RunIdFlag => RunIdPattern().IsMatch(value)
                    ? options with { RunId = value }
                    : Error(options, errors, $"{RunIdFlag} '{value}' is not a run id (letters, digits, '.', '_', '-'; at most 63)"),
                _ => throw new InvalidOperationException(flag),
            };
        }

        if (options.Waypoint && options.Mesh is not null and not MeshKind.IstioAmbient)
        {
            errors.Add($"{WaypointFlag} needs {MeshFlag} istio-ambient (a waypoint is Istio ambient mode's L7 proxy)");
        }

        return (options with { Clusters = clusters, BrokerAddresses = brokerAddresses, AnyGiven = any }, rest.ToArray(), errors);
    }

    /// <summary>A cluster name as a placement and a directory: a DNS label.</summary>
    public static readonly Regex DnsLabel = DnsLabelPattern();

    private static bool IsPublishFlag(string flag) => flag is MeshFlag or RegistryFlag or TagFlag or NamespaceFlag or ClusterFlag
        or BrokerAddressFlag or WaypointFlag or PostgresFlag or RunIdFlag;

    private static KubernetesPublishOptions ParseMesh(KubernetesPublishOptions options, string value, List<string> errors)
    {
        MeshKind? mesh = value switch
        {
            "none" => MeshKind.None,
            "istio" => MeshKind.Istio,
            "istio-ambient" => MeshKind.IstioAmbient,
            "linkerd" => MeshKind.Linkerd,
            _ => null,
        };
        return mesh is null
            ? Error(options, errors, $"{MeshFlag} '{value}' is not a mesh: none, istio, istio-ambient or linkerd")
            : options with { Mesh = mesh };
    }

    private static KubernetesPublishOptions AddCluster(KubernetesPublishOptions options, string value, List<ClusterContext> clusters, List<string> errors)
    {
        var (name, context) = SplitPair(value);
        if (name is null || context is null || !DnsLabel.IsMatch(name) || context.Any(char.IsWhiteSpace))
        {
            return Error(options, errors, $"{ClusterFlag} '{value}' is not NAME=CONTEXT (a cluster name as in placement.cluster, lower-case letters, digits and '-'; the kubeconfig context that reaches it)");
        }

        if (clusters.Any(c => c.Name == name))
        {
            return Error(options, errors, $"{ClusterFlag} names cluster '{name}' twice");
        }

        clusters.Add(new ClusterContext(name, context));
        return options;
    }

    private static KubernetesPublishOptions AddBrokerAddress(KubernetesPublishOptions options, string value, Dictionary<string, string> addresses, List<string> errors)
    {
        var (name, address) = SplitPair(value);
        if (name is null || address is null || !DnsLabel.IsMatch(name) || !HostPattern().IsMatch(address))
        {
            return Error(options, errors, $"{BrokerAddressFlag} '{value}' is not CLUSTER=HOST (the IP or DNS name the other clusters reach that cluster's broker at)");
        }

        if (!addresses.TryAdd(name, address))
        {
            return Error(options, errors, $"{BrokerAddressFlag} names cluster '{name}' twice");
        }

        return options;
    }

    private static (string? Left, string? Right) SplitPair(string value)
    {
        var equals = value.IndexOf('=');
        return equals <= 0 || equals == value.Length - 1 ? (null, null) : (value[..equals], value[(equals + 1)..]);
    }

    private static KubernetesPublishOptions Error(KubernetesPublishOptions options, List<string> errors, string error)
    {
        errors.Add(error);
        return options;
    }

    private static string Usage(string flag) => flag switch
    {
        MeshFlag => $"{MeshFlag} none|istio|istio-ambient|linkerd",
        RegistryFlag => $"{RegistryFlag} HOST/PATH",
        TagFlag => $"{TagFlag} TAG",
        NamespaceFlag => $"{NamespaceFlag} NAME",
        ClusterFlag => $"{ClusterFlag} NAME=CONTEXT",
        BrokerAddressFlag => $"{BrokerAddressFlag} CLUSTER=HOST",
        PostgresFlag => $"{PostgresFlag}[=SIZE]",
        _ => $"{RunIdFlag} ID",
    };

    private static (string Flag, string? Inline) Split(string argument)
    {
        var equals = argument.IndexOf('=');
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }

    private static string? Value(string flag, string? inline, IReadOnlyList<string> args, ref int i)
    {
        if (inline is not null)
        {
            return inline.Length > 0 ? inline : null;
        }

        return i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*/?$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex("^[0-9]+(Ki|Mi|Gi|Ti)$")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex RunIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$")]
    private static partial Regex HostPattern();
}

/// <summary>A cluster by the name placements use and the kubeconfig context that reaches it.</summary>
public sealed record ClusterContext(string Name, string Context);
