using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MeshAspire.Bench;

/// <summary>A process to watch: a child's name and id, or this process.</summary>
public sealed record WatchedProcess(string Name, int Id);

/// <summary>What one process used: its largest resident set seen, and the cores it kept busy in the window.</summary>
public sealed record ProcessUsage(string Name, double MaxRssMb, double CpuSeconds, double Cores);

/// <summary>
/// Samples each process's resident set (VmRSS in /proc/&lt;pid&gt;/status) every 500 ms and keeps the largest,
/// and reads its CPU time (utime + stime in /proc/&lt;pid&gt;/stat) at the start and end of a window, so
/// CPU seconds / window seconds = cores used.
/// </summary>
public sealed partial class ProcessSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly long ClockTicksPerSecond = ReadClockTicks();

    private readonly IReadOnlyList<WatchedProcess> _processes;
    private readonly long[] _maxRssKb;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private double[]? _cpuAtStart;
    private double[]? _cpuAtEnd;
    private double _machineAtStart;
    private double _machineAtEnd;
    private long _windowStart;
    private long _windowEnd;

    public ProcessSampler(IReadOnlyList<WatchedProcess> processes)
    {
        _processes = processes;
        _maxRssKb = new long[processes.Count];
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>Starts the CPU window (once; later calls are ignored).</summary>
    public void StartWindow()
    {
        if (_cpuAtStart is null)
        {
            _windowStart = Stopwatch.GetTimestamp();
            _machineAtStart = ReadMachineBusySeconds() ?? double.NaN;
            _cpuAtStart = _processes.Select(p => ReadCpuSeconds(p.Id) ?? 0).ToArray();
        }
    }

    /// <summary>Ends the CPU window (once; later calls are ignored). Starts it first if it never was.</summary>
    public void EndWindow()
    {
        StartWindow();
        if (_cpuAtEnd is null)
        {
            _windowEnd = Stopwatch.GetTimestamp();
            _machineAtEnd = ReadMachineBusySeconds() ?? double.NaN;
            _cpuAtEnd = _processes.Select(p => ReadCpuSeconds(p.Id) ?? double.NaN).ToArray();
        }
    }

    public TimeSpan Window => _cpuAtEnd is null ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_windowStart, _windowEnd);

    /// <summary>Cores the whole machine kept busy in the window (every process, ours or not), from /proc/stat.</summary>
    public double MachineCores => Window > TimeSpan.Zero ? (_machineAtEnd - _machineAtStart) / Window.TotalSeconds : double.NaN;

    /// <summary>
    /// Measures the machine one <paramref name="period"/> after another until one is below <paramref name="quietCores"/>
    /// busy or <paramref name="patience"/> has passed (the last case's processes may still be ending, or this one's
    /// start still compiling); returns the last period's cores.
    /// </summary>
    public static async Task<double> WaitForQuietAsync(TimeSpan period, double quietCores, TimeSpan patience, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var cores = await MeasureMachineCoresAsync(period, cancellationToken);
            if (!(cores >= quietCores) || Stopwatch.GetElapsedTime(start) >= patience)
            {
                return cores;
            }
        }
    }

    /// <summary>Cores the whole machine keeps busy over <paramref name="period"/> from now: how quiet it is before a case.</summary>
    public static async Task<double> MeasureMachineCoresAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var before = ReadMachineBusySeconds();
        await Task.Delay(period, cancellationToken);
        var after = ReadMachineBusySeconds();
        return before is null || after is null ? double.NaN : (after.Value - before.Value) / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Stops sampling and gives each process's usage; call after <see cref="EndWindow"/>, before the processes end.</summary>
    public async Task<IReadOnlyList<ProcessUsage>> FinishAsync()
    {
        EndWindow();
        await _stop.CancelAsync();
        await _sampling;
        var seconds = Window.TotalSeconds;
        return _processes.Select((p, i) =>
        {
            var cpu = _cpuAtEnd![i] - _cpuAtStart![i];
            return new ProcessUsage(p.Name, _maxRssKb[i] / 1024.0, cpu, seconds > 0 ? cpu / seconds : double.NaN);
        }).ToArray();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            for (var i = 0; i < _processes.Count; i++)
            {
                if (ReadRssKb(_processes[i].Id) is { } rss && rss > _maxRssKb[i])
                {
                    _maxRssKb[i] = rss;
                }
            }
        }
        while (await Tick(timer));
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>VmRSS in kB, or null when the process is gone.</summary>
    public static long? ReadRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var number = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(number, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>utime + stime in seconds, or null when the process is gone.</summary>
    public static double? ReadCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (utime + stime) / (double)ClockTicksPerSecond;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// The machine's busy CPU seconds since boot: every processor's time since boot (/proc/uptime times the
    /// processors in /proc/stat) less its idle time (/proc/uptime), iowait and steal (/proc/stat); null when it cannot
    /// be read. Not the sum of /proc/stat's user, system, irq and softirq: on a kernel with tick-based accounting and
    /// an idle tick that stops (NO_HZ_IDLE, as on this benchmark's VMs) those count only the work a timer tick lands
    /// on, and work in short bursts between idle periods, a chain's at 1,000 msg/s, went nearly uncounted (0.004
    /// cores read for a relay whose processes used 0.15); the idle time is measured, not sampled.
    /// </summary>
    public static double? ReadMachineBusySeconds()
    {
        try
        {
            var uptime = File.ReadAllText("/proc/uptime").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var lines = File.ReadAllLines("/proc/stat");
            var fields = lines.Length > 0 ? lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            var processors = lines.Count(line => line.Length > 3 && line.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(line[3]));
            if (uptime.Length < 2 || fields.Length < 9 || fields[0] != "cpu" || processors == 0)
            {
                return null;
            }

            // cpu user nice system idle iowait irq softirq steal ...
            var sinceBoot = double.Parse(uptime[0], CultureInfo.InvariantCulture) * processors;
            var idle = double.Parse(uptime[1], CultureInfo.InvariantCulture);
            var waitingOrStolen = (long.Parse(fields[5], CultureInfo.InvariantCulture) + long.Parse(fields[8], CultureInfo.InvariantCulture)) / (double)ClockTicksPerSecond;
            return sinceBoot - idle - waitingOrStolen;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long ReadClockTicks()
    {
        const int ScClockTicks = 2;
        try
        {
            var ticks = SysConf(ScClockTicks);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial nint SysConf(int name);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
