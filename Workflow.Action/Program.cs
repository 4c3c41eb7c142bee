using MeshAspire.Workflow.Action;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;

return WorkflowProgram.Run(args, ComponentRole.Action, builder => builder.AddActionRole());
