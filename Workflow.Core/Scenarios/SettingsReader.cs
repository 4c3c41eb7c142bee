namespace MeshAspire.Workflow.Scenarios;

/// <summary>The global keys, read; <see cref="ExplicitTransport"/> is null when <c>transport</c> is absent or rejected.</summary>
internal sealed record GlobalSettings(ScenarioSettings Settings, TransportKind? ExplicitTransport);

/// <summary>Reads the keys before the first section into <see cref="ScenarioSettings"/>.</summary>
internal static class SettingsReader
{
    public const int MaxPayloadBytes = 16 * 1024 * 1024;
    public const int MaxRepetitions = 1000;
    public const int MaxInFlightLimit = 10_000_000;

    public static readonly IReadOnlyList<(string Name, TransportKind Value)> Transports =
        [.. Enum.GetValues<TransportKind>().Select(t => (t.ToKey(), t))];

    public static readonly IReadOnlyList<(string Name, MeshKind Value)> Meshes =
    [
        ("none", MeshKind.None),
        ("istio", MeshKind.Istio),
        ("istio-ambient", MeshKind.IstioAmbient),
        ("linkerd", MeshKind.Linkerd),
    ];

    public static readonly IReadOnlyList<(string Name, PacingMode Value)> Pacings =
    [
        ("linear", PacingMode.Linear),
        ("thesis", PacingMode.Thesis),
    ];

    public static readonly IReadOnlyList<(string Name, bool Value)> Booleans =
    [
        ("true", true),
        ("false", false),
    ];

    public static GlobalSettings Read(ScenarioScope scope, ScenarioErrorSink errors)
    {
        var read = new ScenarioValueReader(scope, errors);
        if (!scope.Has(ScenarioKeys.Duration))
        {
            errors.Add(
                0,
                ScenarioKeys.Duration,
                "the scenario has no duration: it is required",
                "add e.g. 'duration=2minutes' before the first section");
        }

        var defaults = new ScenarioSettings { Duration = TimeSpan.Zero };
        var transport = read.Choice(ScenarioKeys.Transport, Transports);
        var settings = new ScenarioSettings
        {
            Duration = read.Duration(ScenarioKeys.Duration, allowZero: false) ?? TimeSpan.Zero,
            Transport = transport ?? defaults.Transport,
            Mesh = read.Choice(ScenarioKeys.Mesh, Meshes) ?? defaults.Mesh,
            Pacing = read.Choice(ScenarioKeys.Pacing, Pacings) ?? defaults.Pacing,
            PayloadBytes = read.Integer(ScenarioKeys.PayloadBytes, 0, MaxPayloadBytes, "a payload size in bytes") ?? defaults.PayloadBytes,
            Warmup = read.Duration(ScenarioKeys.Warmup, allowZero: true) ?? defaults.Warmup,
            Drain = read.Duration(ScenarioKeys.Drain, allowZero: false) ?? defaults.Drain,
            Repetitions = read.Integer(ScenarioKeys.Repetitions, 1, MaxRepetitions, "a number of repetitions") ?? defaults.Repetitions,
            ConnectTimeout = read.Duration(ScenarioKeys.ConnectTimeout, allowZero: false) ?? defaults.ConnectTimeout,
            TraceEvery = read.Integer(ScenarioKeys.TracingEvery, 0, int.MaxValue, "one traced message in this many (0 turns tracing off)") ?? defaults.TraceEvery,
            MaxInFlight = read.Integer(ScenarioKeys.MaxInFlight, 1, MaxInFlightLimit, "a number of unanswered messages") ?? defaults.MaxInFlight,
            ReplyTopic = read.Topic(ScenarioKeys.ReplyTopic),
            PublisherConfirms = read.Choice(ScenarioKeys.PublisherConfirms, Booleans) ?? defaults.PublisherConfirms,
        };
        return new GlobalSettings(settings, transport);
    }
}
