namespace MeshAspire.AppHost.Kubernetes;

/// <summary>The app host in publish mode: checks the flags, the mode and the scenario's placements, then publishes.</summary>
public static class KubernetesPublishing
{
    /// <summary>Publishes, or prints why not and returns the bad-input exit code before anything is written.</summary>
    public static int Publish(IDistributedApplicationBuilder builder, WorkflowRun run, KubernetesPublishOptions options, IReadOnlyList<string> optionErrors)
    {
        var (plan, errors) = Prepare(builder, run, options, optionErrors);
        if (plan is null)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine(error);
            }

            return WorkflowRun.BadInputExitCode;
        }

        builder.AddKubernetesPublishing(plan);
        builder.Build().Run();
        return Environment.ExitCode;
    }

    private static (PublishPlan? Plan, IReadOnlyList<string> Errors) Prepare(
        IDistributedApplicationBuilder builder, WorkflowRun run, KubernetesPublishOptions options, IReadOnlyList<string> optionErrors)
    {
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return (null, [$"{KubernetesPublishOptions.MeshFlag}, {KubernetesPublishOptions.ClusterFlag} and the other publish flags need --operation publish --step publish --output-path DIR"]);
        }

        if (optionErrors.Count > 0)
        {
            return (null, optionErrors);
        }

        return PublishPlan.Make(run.Scenario, File.ReadAllText(run.ScenarioPath), options, DateTime.UtcNow);
    }
}
