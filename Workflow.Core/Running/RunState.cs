namespace MeshAspire.Workflow.Running;

public enum RunState
{
    /// <summary>Started, not yet connected to its next hop.</summary>
    Connecting,

    /// <summary>Sending (trigger) or ready to process messages (action, conclusion).</summary>
    Running,

    /// <summary>Trigger only: every message sent; waiting for the last acknowledgements.</summary>
    Draining,

    /// <summary>Trigger only: the run is over on the trigger's side.</summary>
    Completed,

    /// <summary>The component cannot take part in the run; <see cref="RunStatus.Error"/> says why.</summary>
    Failed,
}
