namespace MeshAspire.Workflow.Hosting;

/// <summary>Either this component's setup or why it cannot start (a bad scenario, a wrong name or role).</summary>
public sealed record ComponentSetupResult(ComponentSetup? Setup, IReadOnlyList<string> Errors)
{
    /// <summary>The exit code of a component that cannot start because of its input.</summary>
    public const int BadInputExitCode = 2;

    public static ComponentSetupResult Failure(params string[] errors) => new(null, errors);
}
