namespace MeshAspire.Workflow.Transports;

/// <summary>The next hop did not answer within the connect timeout.</summary>
public sealed class HopUnreachableException(string target, TimeSpan timeout, Exception? lastError)
    : Exception($"could not reach {target} within {timeout.TotalSeconds:0.#} s (set connect.timeout in the scenario to wait longer){Describe(lastError)}", lastError)
{
    private static string Describe(Exception? error) => error is null ? string.Empty : $": {error.Message}";
}
