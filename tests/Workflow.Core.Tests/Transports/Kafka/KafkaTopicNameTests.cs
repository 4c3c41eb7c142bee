using MeshAspire.Workflow.Transports.Kafka;

namespace MeshAspire.Workflow.Tests.Transports.Kafka;

public class KafkaTopicNameTests
{
    [Theory]
    [InlineData("INTERACTION-TRANSACTION-ASYNC-V1_0_0-WORKFLOW-ACTION1")]
    [InlineData("orders")]
    [InlineData("a-b_c-123")]
    public void A_topic_that_is_already_a_plain_name_is_kept(string topic) =>
        Assert.Equal(topic, KafkaTopicName.For(topic));

    [Theory]
    [InlineData("workflow/action 1", "workflow_action_1-")]
    [InlineData("orders.created", "orders_created-")]
    [InlineData("ÄKTION", "_KTION-")]
    [InlineData(".", "_-")]
    [InlineData("..", "__-")]
    public void Other_characters_become_underscores_and_a_hash_is_appended(string topic, string expectedStart)
    {
        var name = KafkaTopicName.For(topic);

        Assert.StartsWith(expectedStart, name, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+-[0-9a-f]{8}$", name);
        Assert.True(KafkaTopicName.IsLegal(name), name);
    }

    [Fact]
    public void The_same_topic_always_maps_to_the_same_name() =>
        Assert.Equal(KafkaTopicName.For("a b/c"), KafkaTopicName.For("a b/c"));

    [Fact]
    public void Topics_that_differ_only_in_replaced_characters_stay_apart()
    {
        string[] topics = ["a.b", "a_b", "a b", "a/b", "a:b", "a\u00e9b"];

        var names = topics.Select(KafkaTopicName.For).ToArray();

        Assert.Equal(topics.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("a_b", names[1]);
    }

    [Fact]
    public void A_plain_name_that_looks_mapped_is_mapped_so_it_cannot_meet_a_mapped_one()
    {
        var mapped = KafkaTopicName.For("a b");

        var looksMapped = KafkaTopicName.For(mapped);

        Assert.NotEqual(mapped, looksMapped);
        Assert.Equal("x-DEADBEEF", KafkaTopicName.For("x-DEADBEEF"));
    }

    [Fact]
    public void An_overlong_topic_is_cut_to_the_limit_and_two_that_share_the_cut_part_stay_apart()
    {
        var common = new string('t', 300);

        var first = KafkaTopicName.For(common + "1");
        var second = KafkaTopicName.For(common + "2");

        Assert.Equal(KafkaTopicName.MaxLength, first.Length);
        Assert.Equal(KafkaTopicName.MaxLength, second.Length);
        Assert.NotEqual(first, second);
        Assert.Equal(new string('t', 249), KafkaTopicName.For(new string('t', 249)));
    }

    [Fact]
    public void Random_topics_map_to_legal_names_that_are_all_different()
    {
        var random = new Random(20250101);
        const string alphabet = "aZ09._- /:#*äß";
        var topics = new HashSet<string>(StringComparer.Ordinal);
        while (topics.Count < 5_000)
        {
            topics.Add(new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
        }

        var names = topics.Select(KafkaTopicName.For).ToList();

        Assert.All(names, name => Assert.True(KafkaTopicName.IsLegal(name), name));
        Assert.DoesNotContain(names, name => name.Contains('.', StringComparison.Ordinal));
        Assert.Equal(topics.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("...", true)]
    [InlineData("a.b", true)]
    [InlineData("a b", false)]
    public void Legal_names_are_those_kafka_accepts(string name, bool legal) =>
        Assert.Equal(legal, KafkaTopicName.IsLegal(name));

    [Fact]
    public void An_empty_topic_is_refused() =>
        Assert.Throws<ArgumentException>(() => KafkaTopicName.For(string.Empty));
}
