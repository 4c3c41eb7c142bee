namespace MeshAspire.MetricsCollector.Storage;

/// <summary>What a run is, known when it starts: its id, scenario (name and text as given), labels and start.</summary>
/// <param name="Labels">mesh, transport, environment (local, kubernetes), clusters, and anything the user adds.</param>
public sealed record RunDescriptor(
    string RunId,
    string Scenario,
    string ScenarioText,
    DateTimeOffset Started,
    IReadOnlyDictionary<string, string> Labels);
