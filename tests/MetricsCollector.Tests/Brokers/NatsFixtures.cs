using System.Text.Json;

namespace MeshAspire.MetricsCollector.Tests.Brokers;

/// <summary>The monitoring documents of a real nats-server, captured as Fixtures/nats/README.md says.</summary>
internal static class NatsFixtures
{
    public static string Text(string document) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nats", document + ".json"));

    public static JsonElement Json(string document)
    {
        using var json = JsonDocument.Parse(Text(document));
        return json.RootElement.Clone();
    }
}
