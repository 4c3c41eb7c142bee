namespace MeshAspire.Workflow.Hosting;

/// <summary>The configuration keys a workflow component reads (environment: <c>Workflow__Scenario</c> and so on).</summary>
public static class WorkflowOptions
{
    /// <summary>Path of the scenario file.</summary>
    public const string Scenario = "Workflow:Scenario";

    /// <summary>This component's rootname in the scenario.</summary>
    public const string Component = "Workflow:Component";

    /// <summary>The run's id, shared by every component of the run.</summary>
    public const string RunId = "Workflow:RunId";

    /// <summary>Address to listen on; every interface unless set (a local run sets 127.0.0.1).</summary>
    public const string ListenAddress = "Workflow:ListenAddress";

    /// <summary>Port of /health, /metrics, /run and /records (HTTP/1.1); 8080 unless set.</summary>
    public const string HttpPort = "Workflow:HttpPort";

    /// <summary>Port the hop listens on (grpc: HTTP/2 only; tcp: raw); the scenario's communication.port.from unless set.</summary>
    public const string HopPort = "Workflow:HopPort";

    /// <summary>
    /// Only for testing clock correction: a signed time span (<c>00:00:03.5</c>, <c>-00:00:00.250</c>) by which this
    /// process's <see cref="Timing.UnixClock"/> is set away from the wall clock, as if the component ran on another
    /// machine. It shifts every stamp of the whole process. Unset in real runs.
    /// </summary>
    public const string ClockSkewForTesting = "Workflow:ClockSkewForTesting";

    public const int DefaultHttpPort = 8080;
}
