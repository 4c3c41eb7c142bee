namespace MeshAspire.Workflow.Pacing;

internal static class RateGuard
{
    public static void RequirePositive(double perSecond, string name)
    {
        if (!double.IsFinite(perSecond) || perSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(name, perSecond, "a rate must be a finite number of messages per second above zero");
        }
    }

    public static void RequireNonNegative(TimeSpan duration, string name)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, duration, "a duration cannot be negative");
        }
    }
}
