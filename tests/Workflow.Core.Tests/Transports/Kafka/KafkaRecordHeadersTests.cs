using System.Text;
using Confluent.Kafka;
using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

public class KafkaRecordHeadersTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void A_sampled_envelope_carries_run_sequence_and_traceparent_as_utf8_text()
    {
        var headers = KafkaRecordHeaders.For(new Envelope { RunId = "run-ä1", Sequence = 123_456_789_012, Traceparent = TraceParent });

        Assert.Equal(3, headers.Count);
        Assert.Equal("run-ä1", Encoding.UTF8.GetString(headers.GetLastBytes("meshaspire-run")));
        Assert.Equal("123456789012", Encoding.UTF8.GetString(headers.GetLastBytes("meshaspire-seq")));
        Assert.Equal(TraceParent, Encoding.UTF8.GetString(headers.GetLastBytes("traceparent")));
    }

    [Fact]
    public void An_unsampled_envelope_has_no_traceparent_header()
    {
        var headers = KafkaRecordHeaders.For(new Envelope { RunId = "run-1", Sequence = 7 });

        Assert.False(headers.TryGetLastBytes("traceparent", out _));
        Assert.Equal(2, headers.Count);
    }

    [Theory]
    [InlineData(0L, "")]
    [InlineData(long.MaxValue, TraceParent)]
    public void What_is_written_reads_back(long sequence, string traceParent)
    {
        var headers = KafkaRecordHeaders.For(new Envelope { RunId = "test-0123", Sequence = sequence, Traceparent = traceParent });

        var (runId, readSequence, readTraceParent) = KafkaRecordHeaders.Read(headers);

        Assert.Equal("test-0123", runId);
        Assert.Equal(sequence, readSequence);
        Assert.Equal(traceParent.Length == 0 ? null : traceParent, readTraceParent);
    }

    [Fact]
    public void Headers_written_by_another_tool_read_as_text_and_missing_or_unreadable_ones_as_null()
    {
        var headers = new Headers
        {
            { "meshaspire-run", Encoding.UTF8.GetBytes("by-hand") },
            { "meshaspire-seq", Encoding.UTF8.GetBytes("not a number") },
        };

        Assert.Equal(("by-hand", (long?)null, (string?)null), KafkaRecordHeaders.Read(headers));
        Assert.Equal(((string?)null, (long?)null, (string?)null), KafkaRecordHeaders.Read(null));
    }
}
