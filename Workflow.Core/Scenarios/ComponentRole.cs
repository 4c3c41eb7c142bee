namespace MeshAspire.Workflow.Scenarios;

public enum ComponentRole
{
    Trigger,
    Action,
    Conclusion,
}
