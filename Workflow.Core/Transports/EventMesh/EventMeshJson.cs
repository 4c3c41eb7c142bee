using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MeshAspire.Workflow.Transports.EventMesh;

/// <summary>The JSON bodies (text_data) of a subscription and of a heartbeat: a list of one item per topic.</summary>
public static class EventMeshJson
{
    /// <summary><c>[{"topic":…,"mode":"CLUSTERING","type":"ASYNC"}]</c>: one consumer of the group gets each event, pushed without a reply.</summary>
    public static string SubscriptionItems(string topic) => List(writer =>
    {
        writer.WriteString("topic", topic);
        writer.WriteString("mode", "CLUSTERING");
        writer.WriteString("type", "ASYNC");
    });

    /// <summary><c>[{"topic":…,"url":""}]</c>: a stream consumer has no webhook url.</summary>
    public static string HeartbeatItems(string topic) => List(writer =>
    {
        writer.WriteString("topic", topic);
        writer.WriteString("url", string.Empty);
    });

    private static string List(Action<Utf8JsonWriter> writeItem)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writeItem(writer);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
