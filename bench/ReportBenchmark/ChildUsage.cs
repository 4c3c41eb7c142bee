using System.Runtime.InteropServices;

namespace MeshAspire.Bench.Report;

/// <summary>
/// What the child processes waited for so far used (getrusage RUSAGE_CHILDREN): the largest resident set of any
/// (Linux: kB), and their CPU time, user and system, which a machine busy with other work inflates less than wall time.
/// </summary>
internal static partial class ChildUsage
{
    private const int Children = -1;

    public static (long PeakBytes, TimeSpan Cpu) Read()
    {
        if (GetRUsage(Children, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var cpu = TimeSpan.FromSeconds(usage.UserSeconds + usage.SystemSeconds) + TimeSpan.FromMicroseconds(usage.UserMicroseconds + usage.SystemMicroseconds);
        return (usage.MaxRssKilobytes * 1024, cpu);
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRUsage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRssKilobytes;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long Minflt;
        public long Majflt;
        public long Nswap;
        public long Inblock;
        public long Oublock;
        public long Msgsnd;
        public long Msgrcv;
        public long Nsignals;
        public long Nvcsw;
        public long Nivcsw;
    }
}
