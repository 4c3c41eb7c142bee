using System.Security.Cryptography;
using System.Text;

namespace MeshAspire.Workflow.Transports.Kafka;

/// <summary>
/// A scenario topic as a Kafka topic name: at most 249 characters from <c>[a-zA-Z0-9._-]</c>, never <c>.</c> or
/// <c>..</c>. A topic that is already such a name is kept as it is. Any other is made legal (every other character,
/// and also <c>.</c>, becomes <c>_</c>; an overlong name is cut) and gets <c>-</c> and eight hex digits of the SHA-256
/// of the original, so that two scenario topics do not become one Kafka topic.
/// </summary>
/// <remarks>
/// <c>.</c> is replaced although it is legal because Kafka refuses a second topic that differs from an existing one
/// only by <c>.</c> against <c>_</c> (the two collide in its metric names): a mapped name never contains a <c>.</c>.
/// A verbatim name never ends like a mapped one (<c>-</c> and eight lowercase hex digits): such a name is mapped too.
/// </remarks>
public static class KafkaTopicName
{
    public const int MaxLength = 249;

    private const int HashDigits = 8;
    private const char Replacement = '_';

    public static string For(string scenarioTopic)
    {
        ArgumentException.ThrowIfNullOrEmpty(scenarioTopic);
        if (IsVerbatim(scenarioTopic))
        {
            return scenarioTopic;
        }

        var suffix = "-" + HashOf(scenarioTopic);
        var kept = Math.Min(scenarioTopic.Length, MaxLength - suffix.Length);
        var name = new StringBuilder(kept + suffix.Length);
        foreach (var c in scenarioTopic.AsSpan(0, kept))
        {
            name.Append(IsKept(c) ? c : Replacement);
        }

        return name.Append(suffix).ToString();
    }

    /// <summary>Whether Kafka accepts <paramref name="name"/> as a topic name.</summary>
    public static bool IsLegal(string name) =>
        name.Length is > 0 and <= MaxLength
        && name is not ("." or "..")
        && name.All(c => IsKept(c) || c == '.');

    private static bool IsVerbatim(string topic) =>
        topic.Length <= MaxLength && topic.All(IsKept) && !LooksMapped(topic);

    private static bool IsKept(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static bool LooksMapped(string topic) =>
        topic.Length > HashDigits
        && topic[^(HashDigits + 1)] == '-'
        && topic.AsSpan(topic.Length - HashDigits).ContainsAnyExcept("0123456789abcdef") is false;

    private static string HashOf(string topic)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(topic), hash);
        return Convert.ToHexStringLower(hash[..(HashDigits / 2)]);
    }
}
