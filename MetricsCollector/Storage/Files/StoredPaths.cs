using System.Globalization;
using System.Text;

namespace MeshAspire.MetricsCollector.Storage.Files;

/// <summary>
/// Where the thesis's layout puts a scrape: <c>&lt;cluster&gt;/&lt;collection&gt;/&lt;target&gt;.prom</c>, the collection
/// being the second it was taken (UTC). Names are made safe for any file system; the file itself keeps the true ones.
/// </summary>
internal static class StoredPaths
{
    private const string CollectionFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string CollectionOf(DateTimeOffset at) => at.UtcDateTime.ToString(CollectionFormat, CultureInfo.InvariantCulture);

    public static bool IsCollection(string folderName) =>
        DateTime.TryParseExact(folderName, CollectionFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>A target's relative file path without extension: <c>action01/envoy</c> stays two folders deep.</summary>
    public static string TargetPath(string target) =>
        Path.Combine(target.Split('/').Select(Segment).ToArray());

    /// <summary>One folder or file name: letters, digits, '.', '-' and '_' kept, anything else '_'.</summary>
    public static string Segment(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return safe.Length == 0 || safe.ToString() is "." or ".." ? "_" : safe.ToString();
    }
}
