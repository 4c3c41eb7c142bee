using MeshAspire.Workflow.Scenarios;

namespace MeshAspire.Workflow.Hosting;

/// <summary>Who this process is in the run.</summary>
public sealed record ComponentIdentity(string Name, ComponentRole Role, string RunId);
