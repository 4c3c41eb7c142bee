using System.Globalization;

namespace MeshAspire.MetricsCollector.Brokers;

/// <summary>What recording a broker's metrics gave: how many scrapes were taken and how many failed.</summary>
public sealed record BrokerRecording(BrokerTarget Target, string File, int Scrapes, int Failed);

/// <summary>
/// Scrapes the run's broker at a fixed interval while the run goes on and appends each scrape, in Prometheus text,
/// to <c>brokers/{name}.prom</c> under the results folder: a comment line with the scrape's time, then its samples.
/// A failed scrape leaves a comment with the reason and a gap in the series; it never fails the run.
/// </summary>
public static class BrokerMetricsRecorder
{
    public static async Task<BrokerRecording> RecordAsync(BrokerTarget target, HttpClient http, string resultsFolder, TimeSpan interval, CancellationToken stopping)
    {
        var folder = Directory.CreateDirectory(Path.Combine(resultsFolder, "brokers")).FullName;
        var file = Path.Combine(folder, $"{target.Name}.prom");
        int scrapes = 0, failed = 0;
        await using var writer = new StreamWriter(file, append: true) { NewLine = "\n" };
        using var timer = new PeriodicTimer(interval);
        do
        {
            var at = DateTimeOffset.UtcNow;
            var (text, failure) = await ScrapeAsync(target, http, stopping);
            if (failure is not null && stopping.IsCancellationRequested)
            {
                break;
            }

            scrapes++;
            var stamp = string.Create(CultureInfo.InvariantCulture, $"{at:O} ({at.ToUnixTimeMilliseconds()} ms)");
            if (failure is null)
            {
                await writer.WriteLineAsync($"# scrape {target.Name} {target.Address} at {stamp}");
                await writer.WriteAsync(text);
            }
            else
            {
                failed++;
                await writer.WriteLineAsync($"# scrape {target.Name} {target.Address} at {stamp} failed: {failure}");
                await writer.WriteAsync(text);
            }

            await writer.FlushAsync(CancellationToken.None);
        }
        while (await Tick(timer, stopping));

        return new BrokerRecording(target, file, scrapes, failed);
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<(string Text, string? Failure)> ScrapeAsync(BrokerTarget target, HttpClient http, CancellationToken stopping)
    {
        try
        {
            if (target.Format == BrokerMetricsFormat.NatsMonitoring)
            {
                var scrape = await new NatsMonitoringSource(http, target.Address).ScrapeAsync(stopping);
                return (scrape.Text, scrape.Failures.Count == 0 ? null : string.Join("; ", scrape.Failures.Select(f => $"{f.Document}: {f.Reason}")));
            }

            using var response = await http.GetAsync(target.Address, stopping);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadAsStringAsync(stopping), null)
                : (string.Empty, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException error)
        {
            return (string.Empty, error.Message);
        }
        catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (string.Empty, $"no answer within {http.Timeout.TotalSeconds:0.#} s");
        }
        catch (OperationCanceledException)
        {
            return (string.Empty, "the run ended during the scrape");
        }
    }
}
