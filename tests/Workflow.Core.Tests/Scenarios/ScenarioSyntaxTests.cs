using MeshAspire.Workflow.Scenarios;
using static MeshAspire.Workflow.Tests.Scenarios.ScenarioSamples;

namespace MeshAspire.Workflow.Tests.Scenarios;

/// <summary>The Java Properties-like syntax: separators, comments, line ends, BOM, spaces, section names.</summary>
public sealed class ScenarioSyntaxTests
{
    [Fact]
    public void Comments_blank_lines_crlf_bom_and_stray_spaces_are_accepted()
    {
        var text = "\uFEFF# a comment\r\n"
            + "   ! another comment\r\n"
            + "\r\n"
            + "  duration =  90s  \r\n"
            + "\t transport:tcp\r\n"
            + "  [ Trigger ]  \r\n"
            + "rootname   =   first\r\n"
            + "   # indented comment inside a section\r\n"
            + "operation.ops.start: 2.5\r\n"
            + "communication.hostname.to : last \r\n"
            + "\r\n"
            + "[CONCLUSION]\r\n"
            + "rootname=last\r\n";

        var scenario = Parses(text);

        Assert.Equal(TimeSpan.FromSeconds(90), scenario.Settings.Duration);
        Assert.Equal(TransportKind.Tcp, scenario.Settings.Transport);
        Assert.Equal(["first", "last"], scenario.Chain.Select(c => c.RootName));
        Assert.Equal([6, 12], scenario.Chain.Select(c => c.Line));
        Assert.Equal(new OperationRate(2.5, 2.5), scenario.Trigger.Operations);
        Assert.Equal("last", scenario.Trigger.HostnameTo);
        Assert.Null(scenario.Conclusion.Operations);
    }

    [Fact]
    public void Lone_cr_line_ends_count_as_lines()
    {
        var text = "duration=1s\r[trigger]\rrootname=t\roperation.ops.start=1\rcommunication.hostname.to=c\r[conclusion]\rrootname=c";

        var scenario = Parses(text);

        Assert.Equal([2, 6], scenario.Chain.Select(c => c.Line));
    }

    [Fact]
    public void The_first_separator_splits_key_and_value_so_values_may_hold_colons_and_equals()
    {
        var scenario = Parses(With(ScenarioSamples.Async, (7, "communication.to: orders:v1=a"), (15, "communication.from=orders:v1=a")));

        Assert.Equal("orders:v1=a", scenario.Trigger.TopicTo);
        Assert.Equal("orders:v1=a", scenario.Chain[1].TopicFrom);
    }

    [Fact]
    public void The_chain_is_in_message_order_not_file_order()
    {
        var text = Text(
            "duration=1m",
            "[conclusion]",
            "rootname=end",
            "[action]",
            "rootname=second",
            "communication.hostname.to=end",
            "[trigger]",
            "rootname=start",
            "operation.ops.start=5",
            "communication.hostname.to=first",
            "[action]",
            "rootname=first",
            "communication.hostname.to=second");

        var scenario = Parses(text);

        Assert.Equal(["start", "first", "second", "end"], scenario.Chain.Select(c => c.RootName));
        Assert.Equal([7, 11, 4, 2], scenario.Chain.Select(c => c.Line));
    }

    [Fact]
    public void The_chain_by_topics_is_in_message_order_not_file_order()
    {
        var text = Text(
            "duration=1m",
            "[action]",
            "rootname=second",
            "communication.from=b",
            "communication.to=c",
            "[conclusion]",
            "rootname=end",
            "communication.from=c",
            "[action]",
            "rootname=first",
            "communication.from=a",
            "communication.to=b",
            "[trigger]",
            "rootname=start",
            "operation.ops.end=5",
            "communication.to=a");

        var scenario = Parses(text);

        Assert.Equal(TransportKind.Nats, scenario.Settings.Transport);
        Assert.Equal(["start", "first", "second", "end"], scenario.Chain.Select(c => c.RootName));
    }

    [Fact]
    public void Every_global_key_is_read()
    {
        var text = Text(
            "duration=1h30m",
            "transport=kafka",
            "mesh=istio-ambient",
            "pacing=thesis",
            "payload.bytes=16777216",
            "warmup=0s",
            "drain=250ms",
            "repetitions=1000",
            "connect.timeout=PT1M",
            "tracing.every=0",
            "max.in.flight=5",
            "publisher.confirms=FALSE",
            "[trigger]",
            "rootname=t",
            "operation.ops.start=1",
            "operation.ops.end=1000",
            "communication.to=x",
            "placement.cluster=west-1",
            "[conclusion]",
            "rootname=c",
            "communication.from=x",
            "placement.cluster=east-2");

        var scenario = Parses(text);

        Assert.Equal(
            new ScenarioSettings
            {
                Duration = TimeSpan.FromMinutes(90),
                Transport = TransportKind.Kafka,
                Mesh = MeshKind.IstioAmbient,
                Pacing = PacingMode.Thesis,
                PayloadBytes = 16777216,
                Warmup = TimeSpan.Zero,
                Drain = TimeSpan.FromMilliseconds(250),
                Repetitions = 1000,
                ConnectTimeout = TimeSpan.FromMinutes(1),
                TraceEvery = 0,
                MaxInFlight = 5,
                PublisherConfirms = false,
            },
            scenario.Settings);
        Assert.Equal(["west-1", "east-2"], scenario.Chain.Select(c => c.Cluster));
    }

    [Fact]
    public void Missing_global_keys_take_the_defaults()
    {
        var settings = Parses(Text(Sync)).Settings;

        Assert.Equal(MeshKind.None, settings.Mesh);
        Assert.Equal(PacingMode.Linear, settings.Pacing);
        Assert.Equal(ScenarioSettings.DefaultPayloadBytes, settings.PayloadBytes);
        Assert.Equal(TimeSpan.Zero, settings.Warmup);
        Assert.Equal(ScenarioSettings.DefaultDrain, settings.Drain);
        Assert.Equal(1, settings.Repetitions);
        Assert.Equal(ScenarioSettings.DefaultConnectTimeout, settings.ConnectTimeout);
        Assert.Equal(ScenarioSettings.DefaultTraceEvery, settings.TraceEvery);
        Assert.True(settings.PublisherConfirms);
    }

    [Theory]
    [InlineData("grpc", TransportKind.Grpc)]
    [InlineData("grpc-stream", TransportKind.GrpcStream)]
    [InlineData("tcp", TransportKind.Tcp)]
    [InlineData("GRPC", TransportKind.Grpc)]
    public void Sync_transports_follow_hostnames(string value, TransportKind expected)
    {
        var scenario = Parses("transport=" + value + "\n" + Text(Sync));

        Assert.Equal(expected, scenario.Settings.Transport);
        Assert.Equal(["trigger", "action01", "action02", "conclusion"], scenario.Chain.Select(c => c.RootName));
    }

    [Theory]
    [InlineData("nats", TransportKind.Nats)]
    [InlineData("jetstream", TransportKind.JetStream)]
    [InlineData("rabbitmq", TransportKind.RabbitMq)]
    [InlineData("kafka", TransportKind.Kafka)]
    [InlineData("eventmesh", TransportKind.EventMesh)]
    [InlineData("EventMesh", TransportKind.EventMesh)]
    public void Async_transports_follow_topics(string value, TransportKind expected)
    {
        var scenario = Parses("transport=" + value + "\n" + Text(ScenarioSamples.Async));

        Assert.Equal(expected, scenario.Settings.Transport);
        Assert.Equal(["trigger", "action01", "action02", "conclusion"], scenario.Chain.Select(c => c.RootName));
    }

    [Theory]
    [InlineData("none", MeshKind.None)]
    [InlineData("istio", MeshKind.Istio)]
    [InlineData("istio-ambient", MeshKind.IstioAmbient)]
    [InlineData("linkerd", MeshKind.Linkerd)]
    public void Every_mesh_is_read(string value, MeshKind expected) =>
        Assert.Equal(expected, Parses("mesh=" + value + "\n" + Text(Sync)).Settings.Mesh);

    [Theory]
    [InlineData("linear", PacingMode.Linear)]
    [InlineData("thesis", PacingMode.Thesis)]
    public void Every_pacing_is_read(string value, PacingMode expected) =>
        Assert.Equal(expected, Parses("pacing=" + value + "\n" + Text(Sync)).Settings.Pacing);

    [Fact]
    public void Hostnames_win_over_topics_when_the_transport_is_not_given()
    {
        var scenario = Parses(With(Sync, (10, "communication.to=ignored"), (18, "communication.from=also-ignored")));

        Assert.Equal(TransportKind.Grpc, scenario.Settings.Transport);
        Assert.Equal("ignored", scenario.Trigger.TopicTo);
    }

    [Theory]
    [InlineData("operation.ops.start=7", null, 7.0, 7.0)]
    [InlineData(null, "operation.ops.end=7", 7.0, 7.0)]
    [InlineData("operation.ops.start=0.5", "operation.ops.end=1e3", 0.5, 1000.0)]
    [InlineData("operation.ops.start=300", "operation.ops.end=20", 300.0, 20.0)]
    public void One_rate_alone_is_both_start_and_end(string? start, string? end, double expectedStart, double expectedEnd)
    {
        var scenario = Parses(With(Sync, (5, start ?? ""), (6, end ?? "")));

        Assert.Equal(new OperationRate(expectedStart, expectedEnd), scenario.Trigger.Operations);
    }

    [Fact]
    public void Actions_and_the_conclusion_without_rates_have_no_limit()
    {
        var scenario = Parses(With(Sync, (13, ""), (14, ""), (29, ""), (30, "")));

        Assert.Null(scenario.Chain[1].Operations);
        Assert.Equal(new OperationRate(100, 100), scenario.Chain[2].Operations);
        Assert.Null(scenario.Conclusion.Operations);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("a-0")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefgh")]
    public void Names_that_are_dns_labels_are_accepted(string name)
    {
        var scenario = Parses(With(Sync, (20, "rootname=" + name), (15, "communication.hostname.to=" + name)));

        Assert.Equal(name, scenario.Chain[2].RootName);
    }

    [Fact]
    public void A_missing_file_is_an_error_on_line_zero()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "scenarios", "no-such-scenario.properties");

        var result = ScenarioParser.Parse(path);

        Assert.Null(result.Scenario);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(0, error.Line);
        Assert.Null(error.Key);
        Assert.Contains("cannot read the scenario file", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Hint, StringComparison.Ordinal);
        Assert.StartsWith(path + ": cannot read", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_an_unreadable_file()
    {
        var result = ScenarioParser.Parse(AppContext.BaseDirectory);

        var error = Assert.Single(result.Errors);
        Assert.Null(result.Scenario);
        Assert.Equal(0, error.Line);
        Assert.Contains("cannot read the scenario file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reads_the_file_it_is_given()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.properties");
        File.WriteAllText(path, "\uFEFF" + Text(Sync).Replace("\n", "\r\n", StringComparison.Ordinal));
        try
        {
            var result = ScenarioParser.Parse(path);

            Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
            Assert.Equal(path, result.Scenario!.SourcePath);
            Assert.Equal(4, result.Scenario.Chain.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_error_prints_as_file_line_key_message_and_hint()
    {
        var error = FailsOnce(With(Sync, (13, "operation.ops.strat=100")), 13, "operation.ops.strat");

        Assert.Equal(
            $"test.properties:13: key 'operation.ops.strat': {error.Message} (did you mean 'operation.ops.start'?)",
            error.ToString());
    }
}
