using MeshAspire.Workflow.Scenarios;
using static MeshAspire.Workflow.Tests.Scenarios.ScenarioSamples;

namespace MeshAspire.Workflow.Tests.Scenarios;

/// <summary>Errors in keys, values and sections; the chain's own errors are in <see cref="ChainErrorTests"/>.</summary>
public sealed class ScenarioErrorTests
{
    [Theory]
    [InlineData(13, "operation.ops.strat=100", "operation.ops.strat", "operation.ops.start")]
    [InlineData(14, "operation.ops.ends=100", "operation.ops.ends", "operation.ops.end")]
    [InlineData(18, "communication.hostname=action02", "communication.hostname", "communication.hostname.to")]
    [InlineData(18, "rootnme=action01", "rootnme", "rootname")]
    [InlineData(1, "duraton=2minutes", "duraton", "duration")]
    [InlineData(2, "Mesh=istio", "Mesh", "mesh")]
    [InlineData(2, "PAYLOAD.BYTES=10", "PAYLOAD.BYTES", "payload.bytes")]
    [InlineData(2, "publisher.confirm=true", "publisher.confirm", "publisher.confirms")]
    [InlineData(16, "Communication.Port.To=10091", "Communication.Port.To", "communication.port.to")]
    public void An_unknown_key_suggests_the_nearest_known_one(int line, string text, string key, string suggestion)
    {
        var lines = (string[])Sync.Clone();
        lines[line - 1] = text;
        if (line == 1)
        {
            lines[1] = "duration=2minutes";
        }

        var error = FailsOnce(Text(lines), line, key);

        Assert.StartsWith("unknown key", error.Message, StringComparison.Ordinal);
        Assert.Equal($"did you mean '{suggestion}'?", error.Hint);
    }

    [Fact]
    public void An_unknown_key_far_from_every_known_one_lists_the_known_keys()
    {
        var error = FailsOnce(With(Sync, (18, "colour=blue")), 18, "colour");

        Assert.Null(error.Hint);
        Assert.Contains("in a section are rootname, operation.ops.start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upper_case_key_is_unknown_even_next_to_its_lower_case_twin()
    {
        var errors = Fails(With(Sync, (2, "DURATION=2minutes"), (1, "")));

        Assert.Collection(
            errors,
            e =>
            {
                Assert.Equal(0, e.Line);
                Assert.Equal("duration", e.Key);
            },
            e =>
            {
                Assert.Equal(2, e.Line);
                Assert.Equal("DURATION", e.Key);
                Assert.Equal("did you mean 'duration'?", e.Hint);
            });
    }

    [Theory]
    [InlineData("duration=5s", "duration")]
    [InlineData("transport=grpc", "transport")]
    [InlineData("tracing.every=5", "tracing.every")]
    public void A_global_key_inside_a_section_says_it_belongs_before_the_first_section(string text, string key)
    {
        var error = FailsOnce(With(Sync, (18, text)), 18, key);

        Assert.Contains("is a global key: it belongs before the first section", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rootname=x", "rootname")]
    [InlineData("communication.port.to=1", "communication.port.to")]
    public void A_section_key_before_the_first_section_says_it_belongs_in_a_section(string text, string key)
    {
        var error = FailsOnce(With(Sync, (2, text)), 2, key);

        Assert.Contains("is a section key: it belongs inside a [trigger], [action] or [conclusion] section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_twice_in_a_section_names_both_lines()
    {
        var error = FailsOnce(With(Sync, (18, "operation.ops.start=5")), 18, "operation.ops.start");

        Assert.Contains("given twice in the [action] section of line 11: first on line 13, again on line 18", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_global_key_twice_names_both_lines()
    {
        var error = FailsOnce(With(Sync, (2, "duration = 5s")), 2, "duration");

        Assert.Contains("given twice before the first section: first on line 1, again on line 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payload.bytes=-1", "payload.bytes", "-1 is out of range: expected a payload size in bytes, a whole number from 0 to 16777216")]
    [InlineData("payload.bytes=16777217", "payload.bytes", "from 0 to 16777216")]
    [InlineData("payload.bytes=1k", "payload.bytes", "'1k' is not a whole number")]
    [InlineData("payload.bytes=1.5", "payload.bytes", "'1.5' is not a whole number")]
    [InlineData("repetitions=0", "repetitions", "a whole number from 1 to 1000")]
    [InlineData("repetitions=1001", "repetitions", "a whole number from 1 to 1000")]
    [InlineData("tracing.every=-1", "tracing.every", "a whole number from 0 to 2147483647")]
    [InlineData("tracing.every=99999999999", "tracing.every", "a whole number from 0 to 2147483647")]
    [InlineData("max.in.flight=0", "max.in.flight", "a whole number from 1 to 10000000")]
    [InlineData("publisher.confirms=yes", "publisher.confirms", "'yes' is not accepted: expected one of true, false")]
    [InlineData("publisher.confirms=", "publisher.confirms", "expected one of true, false")]
    [InlineData("transport=http", "transport", "expected one of grpc, grpc-stream, tcp, nats, jetstream, rabbitmq, kafka, eventmesh")]
    [InlineData("mesh=consul", "mesh", "expected one of none, istio, istio-ambient, linkerd")]
    [InlineData("pacing=fast", "pacing", "expected one of linear, thesis")]
    [InlineData("warmup=-1s", "warmup", "negative")]
    [InlineData("warmup=10", "warmup", "give a unit, e.g. 90s")]
    [InlineData("drain=0s", "drain", "expected a duration above zero")]
    [InlineData("connect.timeout=PT0S", "connect.timeout", "expected a duration above zero")]
    [InlineData("connect.timeout=soon", "connect.timeout", "is not a duration")]
    public void A_bad_global_value_says_what_was_expected(string text, string key, string fragment)
    {
        var error = FailsOnce(With(Sync, (2, text)), 2, key);

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transport=grcp", "did you mean 'grpc'?")]
    [InlineData("mesh=istio_ambient", "did you mean 'istio-ambient'?")]
    [InlineData("mesh=linkerd2", "did you mean 'linkerd'?")]
    [InlineData("pacing=lineal", "did you mean 'linear'?")]
    [InlineData("publisher.confirms=flase", "did you mean 'false'?")]
    public void A_misspelt_choice_suggests_the_nearest(string text, string hint)
    {
        var error = FailsOnce(With(Sync, (2, text)), 2, text[..text.IndexOf('=', StringComparison.Ordinal)]);

        Assert.Equal(hint, error.Hint);
    }

    [Fact]
    public void A_bad_publisher_confirms_value_names_the_file_line_and_key()
    {
        var error = FailsOnce(With(Sync, (2, "publisher.confirms=1")), 2, "publisher.confirms");

        Assert.StartsWith($"{FileLabel}:2: key 'publisher.confirms': '1' is not accepted: expected one of true, false", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duration=90", "'90' has no unit: give a unit, e.g. 90s")]
    [InlineData("duration=0s", "expected a duration above zero")]
    [InlineData("duration=-2minutes", "negative")]
    [InlineData("duration=", "a duration is required")]
    public void A_bad_duration_is_reported_on_its_line(string text, string fragment)
    {
        var error = FailsOnce(With(Sync, (1, text)), 1, "duration");

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_duration_hints_the_accepted_forms()
    {
        var error = FailsOnce(With(Sync, (1, "duration=soon")), 1, "duration");

        Assert.Equal("e.g. 90s, 5 min, 2minutes, 1h30m, 1.5h, 250ms or PT2M", error.Hint);
    }

    [Fact]
    public void A_value_followed_by_a_comment_hints_that_comments_go_on_their_own_line()
    {
        var error = FailsOnce(With(Sync, (1, "duration=2minutes # two minutes")), 1, "duration");

        Assert.Contains("is not a duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("a comment must be on its own line", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void No_duration_is_an_error_on_line_zero()
    {
        var error = FailsOnce(With(Sync, (1, "")), 0, "duration");

        Assert.Contains("no duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("duration=2minutes", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, "communication.port.to=0", "communication.port.to")]
    [InlineData(8, "communication.port.to=65536", "communication.port.to")]
    [InlineData(9, "communication.port.from=http", "communication.port.from")]
    [InlineData(9, "communication.port.from=10090.5", "communication.port.from")]
    public void A_bad_port_expects_1_to_65535(int line, string text, string key)
    {
        var error = FailsOnce(With(Sync, (line, text)), line, key);

        Assert.Contains("expected a port, a whole number from 1 to 65535", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("operation.ops.start=0", "is not positive")]
    [InlineData("operation.ops.start=-5", "is not positive")]
    [InlineData("operation.ops.start=ten", "'ten' is not a number")]
    [InlineData("operation.ops.start=1,000", "'1,000' is not a number")]
    [InlineData("operation.ops.start=NaN", "is not a number")]
    [InlineData("operation.ops.start=", "is not a number")]
    public void A_bad_rate_expects_a_positive_number_of_messages_per_second(string text, string fragment)
    {
        var error = FailsOnce(With(Sync, (13, text)), 13, "operation.ops.start");

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Contains("messages per second", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trigger_needs_a_rate()
    {
        var error = FailsOnce(With(Sync, (5, ""), (6, "")), 3, "operation.ops.start");

        Assert.Contains("the trigger has no operation.ops.start or operation.ops.end", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rootname=Action02", "write 'action02'")]
    [InlineData("rootname=ACTION02", "write 'action02'")]
    [InlineData("rootname=action_02", null)]
    [InlineData("rootname=-action02", null)]
    [InlineData("rootname=action02-", null)]
    [InlineData("rootname=action 02", null)]
    [InlineData("rootname=", null)]
    public void A_rootname_must_be_a_lower_case_dns_label(string text, string? hint)
    {
        var errors = Fails(With(Sync, (20, text)));

        var error = Assert.Single(errors);
        Assert.Equal(20, error.Line);
        Assert.Equal("rootname", error.Key);
        Assert.Contains("is not a valid name: expected lower-case letters, digits and '-'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kubernetes Service", error.Message, StringComparison.Ordinal);
        Assert.Equal(hint, error.Hint);
    }

    [Fact]
    public void A_rootname_has_at_most_63_characters()
    {
        var name = new string('a', 64);

        var error = FailsOnce(With(Sync, (20, "rootname=" + name), (15, "communication.hostname.to=" + name)), 20, "rootname");

        Assert.Contains("has 64 characters: a name has at most 63", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("placement.cluster=West_1")]
    [InlineData("placement.cluster=")]
    public void A_cluster_must_be_a_dns_label(string text)
    {
        var error = FailsOnce(With(Sync, (18, text)), 18, "placement.cluster");

        Assert.Contains("is not a valid name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("communication.to=two words")]
    [InlineData("communication.to=")]
    public void A_topic_must_be_non_empty_without_whitespace(string text)
    {
        var error = FailsOnce(With(ScenarioSamples.Async, (7, text)), 7, "communication.to");

        Assert.Contains("is not a topic name: expected a non-empty name without whitespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_without_rootname_is_an_error_on_its_header()
    {
        var error = FailsOnce(With(Sync, (28, "")), 27, "rootname");

        Assert.Contains("the [conclusion] section has no rootname", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_trigger_is_an_error_on_line_zero()
    {
        var text = Text(Sync[..2]) + "\n" + Text(Sync[10..]);

        var error = FailsOnce(text, 0, null);

        Assert.Contains("no [trigger] section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_conclusion_is_an_error_on_line_zero()
    {
        var error = FailsOnce(Text(Sync[..26]), 0, null);

        Assert.Contains("no [conclusion] section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_trigger_is_an_error_on_its_header()
    {
        var error = FailsOnce(With(Sync, (11, "[Trigger]"), (7, "communication.hostname.to=action02")), 11, null);

        Assert.Contains("a second [trigger] section: the scenario needs exactly one, and the first is on line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_conclusion_is_an_error_on_its_header()
    {
        var error = FailsOnce(With(Sync, (19, "[conclusion]"), (15, "communication.hostname.to=conclusion")), 27, null);

        Assert.Contains("a second [conclusion] section: the scenario needs exactly one, and the first is on line 19", error.Message, StringComparison.Ordinal);
        Assert.Contains("[action]", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_components_with_one_rootname_name_both_lines()
    {
        var error = FailsOnce(With(Sync, (20, "rootname=action01")), 20, "rootname");

        Assert.Contains("'action01' is already the rootname of the [action] section on line 11 (rootname on line 12)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_section_suggests_the_nearest()
    {
        var error = FailsOnce(With(Sync, (19, "[actoin]"), (15, "communication.hostname.to=conclusion")), 19, null);

        Assert.Contains("unknown section [actoin]", error.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean [action]?", error.Hint);
    }

    [Theory]
    [InlineData("just some words", "is neither key=value, a [section] header nor a comment")]
    [InlineData("[trigger", "is not a section header")]
    [InlineData("=5", "has a value but no key")]
    public void A_line_that_is_not_key_value_is_an_error(string text, string fragment)
    {
        var error = FailsOnce(With(Sync, (18, text)), 18, null);

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thesis_pacing_cannot_send_more_than_1000_messages_a_second()
    {
        var error = FailsOnce(With(Sync, (2, "pacing=thesis"), (6, "operation.ops.end=1001")), 6, "operation.ops.end");

        Assert.Contains("1001 msg/s is more than pacing=thesis can send", error.Message, StringComparison.Ordinal);
        Assert.Contains("1000/ops with integer division", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thesis_pacing_checks_ops_start_too()
    {
        var error = FailsOnce(With(Sync, (2, "pacing=thesis"), (5, "operation.ops.start=2000"), (6, "")), 5, "operation.ops.start");

        Assert.Contains("at most 1000 msg/s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_pacing_has_no_such_limit()
    {
        var scenario = Parses(With(Sync, (6, "operation.ops.end=50000")));

        Assert.Equal(new OperationRate(10, 50000), scenario.Trigger.Operations);
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_in_line_order()
    {
        var text = With(
            Sync,
            (1, ""),
            (2, "mesh=consul"),
            (13, "operation.ops.strat=100"),
            (16, "communication.port.to=99999"),
            (23, "communication.hostname.to=conclusoin"));

        var errors = Fails(text);

        Assert.Equal([0, 2, 13, 16, 23], errors.Select(e => e.Line));
        Assert.Equal(["duration", "mesh", "operation.ops.strat", "communication.port.to", "communication.hostname.to"], errors.Select(e => e.Key));
    }
}
