using System.Text.Json;
using System.Text.Json.Serialization;
using MeshAspire.Workflow.Running;

namespace MeshAspire.Workflow.Hosting;

/// <summary>
/// The JSON of <c>/run</c> and <c>/clock</c>, generated at compile time so the role programs need no reflection
/// and can be published native AOT. States are written kebab-case ("running", "failed").
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(RunStateJsonConverter)])]
[JsonSerializable(typeof(RunStatus))]
[JsonSerializable(typeof(ClockAnswer))]
public sealed partial class RunJsonContext : JsonSerializerContext;

/// <summary>Writes and reads <see cref="RunState"/> as its kebab-case name.</summary>
public sealed class RunStateJsonConverter() : JsonStringEnumConverter<RunState>(JsonNamingPolicy.KebabCaseLower);
