using MeshAspire.Workflow.Conclusion;
using MeshAspire.Workflow.Hosting;
using MeshAspire.Workflow.Scenarios;

return WorkflowProgram.Run(args, ComponentRole.Conclusion, builder => builder.AddConclusionRole());
