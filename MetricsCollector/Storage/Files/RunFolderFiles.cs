using System.Text.Json;
using System.Text.Json.Serialization;
using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.MetricsCollector.Storage.Files;

/// <summary>The names of what a run's folder holds beside the results files, and the two small JSON files among them.</summary>
internal static class RunFolderFiles
{
    /// <summary>The run's descriptor without its scenario text, written when the run begins.</summary>
    public const string Run = "run.json";

    /// <summary>The scenario text exactly as the run was given it.</summary>
    public const string Scenario = "scenario.properties";

    /// <summary>The chain, which components' rows were had, the drain deadline and the collection notes: written at completion.</summary>
    public const string Collection = "collection.json";

    /// <summary>The folder of per-component rows, <c>records/&lt;component&gt;.csv</c>.</summary>
    public const string Records = "records";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Writes <see cref="Run"/> into <paramref name="folder"/>: a run folder, or a results folder kept beside another store.</summary>
    public static async Task WriteRunAsync(string folder, RunDescriptor run, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(Path.Combine(folder, Run));
        await JsonSerializer.SerializeAsync(stream, new RunFile(run.RunId, run.Scenario, run.Started, new(run.Labels)), Json, cancellationToken);
    }

    /// <summary>The <see cref="Run"/> file of <paramref name="folder"/>, or null when it has none; a damaged one is an error naming it.</summary>
    public static async Task<RunFile?> ReadRunIfPresentAsync(string folder, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, Run);
        if (!File.Exists(file))
        {
            return null;
        }

        return await ReadJsonAsync<RunFile>(file, cancellationToken);
    }

    /// <summary>One of the folder's JSON files; a damaged or empty one is an <see cref="InvalidDataException"/> naming it.</summary>
    public static async Task<T> ReadJsonAsync<T>(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken) ?? throw new InvalidDataException($"{file}: empty");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{file}: {error.Message}", error);
        }
    }
}

internal sealed record RunFile(string RunId, string Scenario, DateTimeOffset Started, Dictionary<string, string> Labels);

internal sealed record CollectionFile(IReadOnlyList<CollectedComponent> Components, long? DrainDeadlineNanos, IReadOnlyList<string> Notes);

/// <param name="Available">False when its records could not be had: no rows file.</param>
internal sealed record CollectedComponent(string Name, ComponentRole Role, IReadOnlyList<string> Upstream, bool Available, long Rows);
