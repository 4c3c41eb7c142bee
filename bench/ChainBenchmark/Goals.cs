using System.Globalization;

namespace MeshAspire.Bench;

/// <summary>One of the issue's goals for a case: met or missed, and by how much.</summary>
public sealed record GoalCheck(string Goal, bool Met, string Detail)
{
    public override string ToString() => $"{Goal}: {(Met ? "met" : "**missed**")} {Detail}".TrimEnd();
}

/// <summary>
/// The issues' goals. The sync chain: at 1,000 msg/s end-to-end p99 at most 2 ms, no loss and every workflow process
/// at most 60 MB resident; at 10,000 msg/s p99 at most 10 ms, no loss and the generator within 1 % of its target
/// rate. The brokers: at 1,000 msg/s p99 at most 2 ms over core NATS and 10 ms over RabbitMQ, no loss; and a case of
/// 60 s or more "holds" its rate when nothing is lost and p99 is under 50 ms. At any other rate only "no loss"
/// applies. The floors have no goal: they are what the chain is compared with.
/// </summary>
public static class Goals
{
    public const double P99At1000Ms = 2;
    public const double P99At10000Ms = 10;
    public const double MaxRssMb = 60;
    public const double RateTolerancePercent = 1;
    public const double NatsP99At1000Ms = 2;
    public const double RabbitMqP99At1000Ms = 10;
    public const double HeldP99Ms = 50;
    public static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(60);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<GoalCheck> Check(CaseResult result)
    {
        if (result.Kind.IsFloor() || result.Error is not null)
        {
            return [];
        }

        var checks = new List<GoalCheck>();
        if (result.Kind is CaseKind.Nats or CaseKind.JetStream or CaseKind.RabbitMq or CaseKind.RabbitMqUnconfirmed)
        {
            return BrokerChecks(result);
        }

        if (result.Rate == 1_000)
        {
            checks.Add(P99(result, P99At1000Ms));
        }
        else if (result.Rate == 10_000)
        {
            checks.Add(P99(result, P99At10000Ms));
        }

        checks.Add(result.Lost == 0
            ? new GoalCheck("no loss", true, string.Empty)
            : new GoalCheck("no loss", false, string.Create(Invariant, $"({result.Lost:N0} lost)")));

        if (result.Rate == 10_000)
        {
            var off = Math.Abs(result.AchievedPercent - 100);
            checks.Add(new GoalCheck(
                $"rate within {RateTolerancePercent:0} %",
                off <= RateTolerancePercent,
                off <= RateTolerancePercent
                    ? string.Create(Invariant, $"({result.AchievedPercent:0.00} %)")
                    : string.Create(Invariant, $"by {off - RateTolerancePercent:0.00} points ({result.AchievedPercent:0.00} %)")));
        }

        if (result.Rate == 1_000 && result.Usage.Count > 0)
        {
            var largest = result.Usage.MaxBy(u => u.MaxRssMb)!;
            var met = largest.MaxRssMb <= MaxRssMb;
            checks.Add(new GoalCheck(
                $"RSS ≤ {MaxRssMb:0} MB",
                met,
                met
                    ? string.Create(Invariant, $"(largest {largest.Name} {largest.MaxRssMb:0.0} MB)")
                    : string.Create(Invariant, $"by {largest.MaxRssMb - MaxRssMb:0.0} MB ({string.Join(", ", result.Usage.Where(u => u.MaxRssMb > MaxRssMb).Select(u => $"{u.Name} {u.MaxRssMb:0.0} MB"))})")));
        }

        return checks;
    }

    private static List<GoalCheck> BrokerChecks(CaseResult result)
    {
        var checks = new List<GoalCheck>();
        var goalAt1000 = result.Kind switch
        {
            CaseKind.Nats => NatsP99At1000Ms,
            CaseKind.RabbitMq or CaseKind.RabbitMqUnconfirmed => RabbitMqP99At1000Ms,
            _ => (double?)null,
        };
        if (result.Rate == 1_000 && goalAt1000 is { } goal)
        {
            checks.Add(P99(result, goal));
        }

        checks.Add(result.Lost == 0
            ? new GoalCheck("no loss", true, string.Empty)
            : new GoalCheck("no loss", false, string.Create(Invariant, $"({result.Lost:N0} lost)")));
        if (result.Duration >= HeldFor)
        {
            var held = result.Lost == 0 && result.Latency.P99Ms < HeldP99Ms;
            checks.Add(new GoalCheck(
                string.Create(Invariant, $"held {HeldFor.TotalSeconds:0} s (no loss, p99 < {HeldP99Ms:0} ms)"),
                held,
                string.Create(Invariant, $"(p99 {result.Latency.P99Ms:0.000} ms)")));
        }

        return checks;
    }

    private static GoalCheck P99(CaseResult result, double goalMs)
    {
        var p99 = result.Latency.P99Ms;
        var name = string.Create(Invariant, $"p99 ≤ {goalMs:0} ms");
        return p99 <= goalMs
            ? new GoalCheck(name, true, string.Create(Invariant, $"({p99:0.000} ms)"))
            : new GoalCheck(name, false, string.Create(Invariant, $"by {p99 - goalMs:0.000} ms ({p99:0.000} ms)"));
    }
}
