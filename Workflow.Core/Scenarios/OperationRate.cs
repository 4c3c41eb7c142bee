namespace MeshAspire.Workflow.Scenarios;

/// <summary>
/// <c>operation.ops.start</c> and <c>operation.ops.end</c> in messages per second. For the trigger it is
/// the offered load; for an action or the conclusion it is the processing capacity. Null means unlimited.
/// </summary>
public sealed record OperationRate(double Start, double End)
{
    public bool IsConstant => Start == End;
}
