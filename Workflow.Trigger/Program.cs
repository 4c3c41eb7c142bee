using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;
using MeshAspire.Workflow.Trigger;

return WorkflowProgram.Run(args, ComponentRole.Trigger, builder => builder.AddTriggerRole());
