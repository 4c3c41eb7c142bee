using System.Text;

namespace MeshAspire.Workflow.Chain.Tests;

internal static class ChainScenarios
{
    public const int Messages = 2_000;

    private const string TopicPrefix = "INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION";

    /// <summary>
    /// The thesis's four-component chain: 2,000 messages at 500 msg/s over the given transport. The drain is long
    /// because a loaded machine may fall behind; a run whose messages all arrive ends as soon as they have.
    /// </summary>
    public static string FourComponents(string transport, string drain = "30s") => Chain(transport, drain, actions: 2, byTopic: false);

    /// <summary>The same chain over an async transport, linked by Code 6-4's topics.</summary>
    public static string FourComponentsByTopic(string transport, string drain = "30s") => Chain(transport, drain, actions: 2, byTopic: true);

    /// <summary>
    /// A trigger sending at <paramref name="rate"/> msg/s for <paramref name="duration"/>, then action01 to
    /// action<paramref name="actions"/>, then the conclusion; each sends to the next by its host name or, with
    /// <paramref name="byTopic"/>, on the topic the next one reads (Code 6-4's names, ...-ACTION1 onwards).
    /// </summary>
    public static string Chain(string transport, string drain, int actions, bool byTopic, string duration = "4s", int rate = 500)
    {
        string[] names = ["trigger", .. Enumerable.Range(1, actions).Select(k => $"action{k:00}"), "conclusion"];
        var text = new StringBuilder();
        text.Append($"duration={duration}\ndrain={drain}\nconnect.timeout=30s\ntransport={transport}\n");
        for (var i = 0; i < names.Length; i++)
        {
            var role = i == 0 ? "trigger" : i == names.Length - 1 ? "conclusion" : "action";
            text.Append($"\n[{role}]\nrootname={names[i]}\n");
            if (i == 0)
            {
                text.Append($"operation.ops.start={rate}\noperation.ops.end={rate}\n");
            }

            if (byTopic && i > 0)
            {
                text.Append($"communication.from={TopicPrefix}{i}\n");
            }

            if (i < names.Length - 1)
            {
                text.Append(byTopic ? $"communication.to={TopicPrefix}{i + 1}\n" : $"communication.hostname.to={names[i + 1]}\n");
            }
        }

        return text.ToString().TrimEnd('\n');
    }
}
