namespace MeshAspire.Workflow.Chain.Tests;

internal static class ChainScenarios
{
    public const int Messages = 2_000;

    /// <summary>
    /// The thesis's four-component chain: 2,000 messages at 500 msg/s over the given transport. The drain is long
    /// because a loaded machine may fall behind; a run whose messages all arrive ends as soon as they have.
    /// </summary>
    public static string FourComponents(string transport, string drain = "30s") => $"""
        duration=4s
        drain={drain}
        connect.timeout=30s
        transport={transport}

        [trigger]
        rootname=trigger
        operation.ops.start=500
        operation.ops.end=500
        communication.hostname.to=action01

        [action]
        rootname=action01
        communication.hostname.to=action02

        [action]
        rootname=action02
        communication.hostname.to=conclusion

        [conclusion]
        rootname=conclusion
        """;

    /// <summary>The same chain over an async transport, linked by Code 6-4's topics.</summary>
    public static string FourComponentsByTopic(string transport, string drain = "30s") => $"""
        duration=4s
        drain={drain}
        connect.timeout=30s
        transport={transport}

        [trigger]
        rootname=trigger
        operation.ops.start=500
        operation.ops.end=500
        communication.to=INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1

        [action]
        rootname=action01
        communication.from=INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1
        communication.to=INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION2

        [action]
        rootname=action02
        communication.from=INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION2
        communication.to=INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION3

        [conclusion]
        rootname=conclusion
        communication.from=INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION3
        """;
}
