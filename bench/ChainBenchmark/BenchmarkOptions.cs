using System.Globalization;

namespace MeshAspire.Bench;

/// <summary>What the benchmark kinds are: the bare echo hop, and the four-component chain per transport.</summary>
public enum CaseKind
{
    Floor,
    MachineFloor,
    Grpc,
    GrpcStream,
    Tcp,
    Nats,
    JetStream,
    RabbitMq,
    RabbitMqUnconfirmed,
}

/// <summary>How the role programs run: as built (JIT, as the app host runs them) or published native AOT.</summary>
public enum RoleRuntime
{
    Jit,
    Aot,
}

/// <summary>The command line: which cases, at which rates, for how long, with which payload, and where the report goes.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/ChainBenchmark -- [options]
          --duration-scale X     multiply every duration (30 s, 60 s, 5 s warm-up) by X, e.g. 0.1 for a quick check
          --only KINDS           run only these cases (comma-separated): floor, machine-floor, grpc, grpc-stream, tcp, nats,
                                 jetstream, rabbitmq, rabbitmq-unconfirmed (publisher.confirms=false);
                                 floor, machine-floor, grpc, grpc-stream and tcp unless set (the broker cases start their own
                                 private broker; machine-floor is a C program: it needs clang)
          --rates 1000,10000     messages per second, one case per rate (below 10,000: 30 s; from 10,000: 60 s)
          --seconds N            measure every case for N seconds instead (e.g. 60 to find the highest rate held for 60 s)
          --payload 64           payload bytes per message
          --runtime jit|aot      jit (default): the role programs as built, as the app host runs them; aot: publish them native
                                 AOT first (needs clang and zlib1g-dev) and measure those
          --out FILE             also write the Markdown report to FILE
        """;

    private static readonly string[] KnownOptions = ["--duration-scale", "--only", "--rates", "--seconds", "--payload", "--runtime", "--out", "--echo-server"];

    public double DurationScale { get; init; } = 1;

    public IReadOnlyList<CaseKind> Kinds { get; init; } = [CaseKind.Floor, CaseKind.MachineFloor, CaseKind.Grpc, CaseKind.GrpcStream, CaseKind.Tcp];

    public IReadOnlyList<int> Rates { get; init; } = [1_000, 10_000];

    public int PayloadBytes { get; init; } = 64;

    public RoleRuntime Runtime { get; init; } = RoleRuntime.Jit;

    /// <summary>When set, every case is measured this long, whatever its rate.</summary>
    public TimeSpan? FixedDuration { get; init; }

    public string? OutFile { get; init; }

    /// <summary>Internal: run as the floor's echo server on this port instead of benchmarking.</summary>
    public int? EchoServerPort { get; init; }

    /// <summary>The arguments as given, for the report.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The measured duration at <paramref name="rate"/>: the 30 s below 10,000 msg/s, 60 s from there, scaled.</summary>
    public TimeSpan DurationAt(int rate) => Scale(FixedDuration ?? TimeSpan.FromSeconds(rate >= 10_000 ? 60 : 30));

    /// <summary>The warm-up before every measured case: 5 s, scaled.</summary>
    public TimeSpan Warmup => Scale(TimeSpan.FromSeconds(5));

    /// <summary>How long messages still on their way are waited for after the last send (not scaled: a timeout, not load).</summary>
    public static TimeSpan Drain => TimeSpan.FromSeconds(10);

    private TimeSpan Scale(TimeSpan duration) => TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(duration.TotalMilliseconds * DurationScale)));

    /// <summary>Parses the arguments; on failure <paramref name="error"/> says what is wrong.</summary>
    public static BenchmarkOptions? Parse(string[] args, out string? error)
    {
        var options = new BenchmarkOptions { Arguments = args };
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = string.Empty;
                return null;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name}: a value is missing";
                return null;
            }

            var value = args[++i];
            options = name switch
            {
                "--duration-scale" => ParseDouble(value) is > 0 and var scale ? options with { DurationScale = scale } : null,
                "--only" => ParseKinds(value) is { } kinds ? options with { Kinds = kinds } : null,
                "--rates" => ParseRates(value) is { } rates ? options with { Rates = rates } : null,
                "--seconds" => ParseInt(value) is > 0 and var seconds ? options with { FixedDuration = TimeSpan.FromSeconds(seconds) } : null,
                "--payload" => ParseInt(value) is >= 0 and var payload ? options with { PayloadBytes = payload } : null,
                "--runtime" => Enum.TryParse<RoleRuntime>(value, ignoreCase: true, out var runtime) && Enum.IsDefined(runtime) && !int.TryParse(value, out _)
                    ? options with { Runtime = runtime }
                    : null,
                "--out" => options with { OutFile = value },
                "--echo-server" => ParseInt(value) is > 0 and <= 65535 and var port ? options with { EchoServerPort = port } : null,
                _ => null,
            };

            if (options is null)
            {
                error = KnownOptions.Contains(name) ? $"{name}: bad value '{value}'" : $"unknown option '{name}'";
                return null;
            }
        }

        return options;
    }

    private static double? ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static int? ParseInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static IReadOnlyList<int>? ParseRates(string text)
    {
        var rates = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseInt).ToArray();
        return rates.Length > 0 && rates.All(r => r > 0) ? rates.Select(r => r!.Value).ToArray() : null;
    }

    private static IReadOnlyList<CaseKind>? ParseKinds(string text)
    {
        var kinds = new List<CaseKind>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Replace("-", string.Empty, StringComparison.Ordinal);
            if (!Enum.TryParse<CaseKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(part, out _))
            {
                return null;
            }

            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds.Count > 0 ? kinds.OrderBy(k => k).ToArray() : null;
    }
}
