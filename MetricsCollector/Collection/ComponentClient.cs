using System.Net.Http.Json;
using MeshAspire.Workflow.Accounting;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Recording;
using MeshAspire.Workflow.Running;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Timing;

namespace MeshAspire.MetricsCollector.Collection;

/// <summary>Reads one component's /run, /clock and /records at the address the collector discovered for it.</summary>
public sealed class ComponentClient(HttpClient http, ComponentSpec component, Uri baseAddress)
{
    public ComponentSpec Component { get; } = component;

    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The component's state and counts, or null when it does not answer.</summary>
    public async Task<RunStatus?> StatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetFromJsonAsync(new Uri(BaseAddress, "/run"), RunJsonContext.Default.RunStatus, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>One exchange with the component's /clock, stamped on this process's clock before sending and after the answer.</summary>
    /// <exception cref="InvalidDataException">The answer is empty or names another component.</exception>
    public async Task<ClockProbe> ProbeClockAsync(CancellationToken cancellationToken)
    {
        var address = new Uri(BaseAddress, "/clock");
        var sent = UnixClock.NowNanos();
        using var response = await http.GetAsync(address, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var returned = UnixClock.NowNanos();
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync(RunJsonContext.Default.ClockAnswer, cancellationToken)
            ?? throw new InvalidDataException($"{address} answered nothing");
        if (answer.Component != Component.RootName)
        {
            throw new InvalidDataException($"{address} answered as '{answer.Component}', not '{Component.RootName}'");
        }

        return new ClockProbe(sent, answer.HandledNs, answer.AnsweredNs, returned);
    }

    /// <summary>Every row the component recorded, read into a <see cref="RecordLog"/>.</summary>
    public async Task<ComponentRecords> RecordsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(BaseAddress, "/records"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var buffered = new BufferedStream(body, 1 << 16);
        return await Task.Run(() => Read(buffered), cancellationToken);
    }

    private ComponentRecords Read(Stream stream)
    {
        var header = RecordsHeader.Parser.ParseDelimitedFrom(stream);
        var upstream = header.Upstream.ToArray();
        var log = new RecordLog(stampsPerRecord: 2 * upstream.Length);
        for (long i = 0; i < header.Rows; i++)
        {
            var row = MessageRow.Parser.ParseDelimitedFrom(stream);
            var index = log.Append();
            ref var record = ref log[index];
            record.Sequence = row.Sequence;
            record.Repetition = row.Repetition;
            record.Outcome = (MessageOutcome)row.Outcome;
            record.IntendedNanos = row.IntendedNs;
            record.SentNanos = row.SentNs;
            record.ReceivedNanos = row.ReceivedNs;
            record.ForwardedNanos = row.ForwardedNs;
            record.AcknowledgedNanos = row.AcknowledgedNs;
            var stamps = log.StampsOf(index);
            for (var s = 0; s < stamps.Length && s < row.UpstreamStamps.Count; s++)
            {
                stamps[s] = row.UpstreamStamps[s];
            }
        }

        return new ComponentRecords(header.Component, Component.Role, log, upstream);
    }
}
