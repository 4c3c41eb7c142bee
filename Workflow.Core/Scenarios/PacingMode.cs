namespace MeshAspire.Workflow.Scenarios;

public enum PacingMode
{
    /// <summary>The rate goes linearly from ops.start to ops.end; message i is due when N(t) = i.</summary>
    Linear,

    /// <summary>The thesis's Code 5-20: the wait between sends is interpolated from 1000/ops.start to 1000/ops.end ms.</summary>
    Thesis,
}
