using System.IO.Pipelines;
using Google.Protobuf;
using HdrHistogram;
using MeshAspire.Workflow.Recording;

namespace MeshAspire.Workflow.Running;

/// <summary>Writes a component's rows and histograms in the formats /records serves.</summary>
public static class RecordsExport
{
    public const string RowsContentType = "application/x-protobuf; messageType=meshaspire.workflow.v1.MessageRow; delimited=true";
    public const string HistogramsContentType = "text/plain; format=hdrhistogram-log";

    /// <summary>A <see cref="RecordsHeader"/> then every row, each length-delimited.</summary>
    public static async Task WriteRowsAsync(ComponentRun run, Stream destination, CancellationToken cancellationToken)
    {
        var rows = run.Records.Count;
        var header = new RecordsHeader
        {
            Component = run.Identity.Name,
            Role = run.Identity.Role.ToString().ToLowerInvariant(),
            RunId = run.Identity.RunId,
            Rows = rows,
        };
        header.Upstream.AddRange(run.Upstream);

        var writer = PipeWriter.Create(destination, new StreamPipeWriterOptions(leaveOpen: true));
        using (var output = new CodedOutputStream(writer.AsStream(leaveOpen: true), leaveOpen: true))
        {
            output.WriteMessage(header);
            var row = new MessageRow();
            for (long i = 0; i < rows; i++)
            {
                Fill(row, run.Records, i);
                output.WriteMessage(row);
                if ((i & 0xFFF) == 0xFFF)
                {
                    output.Flush();
                    await writer.FlushAsync(cancellationToken);
                }
            }

            output.Flush();
        }

        await writer.FlushAsync(cancellationToken);
        await writer.CompleteAsync();
    }

    /// <summary>Every histogram of the component, tagged with its kind, in HdrHistogram's log format.</summary>
    public static void WriteHistograms(ComponentRun run, Stream destination) =>
        HistogramLog.Write(
            destination,
            Timing.UnixClock.ToDateTimeOffset(run.StartedNanos).UtcDateTime,
            run.Histograms.Select(pair => (pair.Key.ToKey(), (HistogramBase)pair.Value)));

    private static void Fill(MessageRow row, RecordLog records, long index)
    {
        ref var record = ref records[index];
        row.Sequence = record.Sequence;
        row.Repetition = record.Repetition;
        row.Outcome = (uint)record.Outcome;
        row.IntendedNs = record.IntendedNanos;
        row.SentNs = record.SentNanos;
        row.ReceivedNs = record.ReceivedNanos;
        row.ForwardedNs = record.ForwardedNanos;
        row.AcknowledgedNs = record.AcknowledgedNanos;
        row.UpstreamStamps.Clear();
        if (records.StampsPerRecord > 0)
        {
            foreach (var stamp in records.StampsOf(index))
            {
                row.UpstreamStamps.Add(stamp);
            }
        }
    }
}
