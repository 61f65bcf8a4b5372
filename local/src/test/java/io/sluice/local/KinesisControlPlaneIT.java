package io.sluice.local;

import static io.sluice.local.KinesisErrorsIT.errorOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.testsupport.KinesisStreams;
import io.sluice.testsupport.SharedEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** Stream lifecycle, listing, tags and retention through the gateway, checked against Kafka itself. */
class KinesisControlPlaneIT {
    private static KinesisClient kinesis;
    private static Admin admin;

    @BeforeAll
    static void start() {
        kinesis = Platform.kinesis();
        admin = Admin.create(Map.of("bootstrap.servers", SharedEngines.kafka().bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        kinesis.close();
        admin.close();
    }

    @Test
    void streamGoesFromCreatingToActiveAndIsDeletedWithItsTopic() throws Exception {
        kinesis.createStream(b -> b.streamName("lifecycle").shardCount(3));
        StreamStatus first = kinesis.describeStreamSummary(b -> b.streamName("lifecycle")).streamDescriptionSummary().streamStatus();
        assertThat(first).isIn(StreamStatus.CREATING, StreamStatus.ACTIVE);
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("lifecycle"));
        assertThat(errorOf(() -> kinesis.createStream(b -> b.streamName("lifecycle").shardCount(1)))).isEqualTo("ResourceInUseException");

        StreamDescription description = kinesis.describeStream(b -> b.streamName("lifecycle")).streamDescription();
        assertThat(description.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/lifecycle");
        assertThat(description.shards()).hasSize(3);
        assertThat(description.retentionPeriodHours()).isEqualTo(24);
        assertThat(description.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(kinesis.describeStream(b -> b.streamARN(description.streamARN())).streamDescription().streamName()).isEqualTo("lifecycle");
        String topic = topicOf("lifecycle");
        assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);

        kinesis.deleteStream(b -> b.streamARN(description.streamARN()));
        kinesis.waiter().waitUntilStreamNotExists(b -> b.streamName("lifecycle"));
        assertThat(errorOf(() -> kinesis.describeStreamSummary(b -> b.streamName("lifecycle")))).isEqualTo("ResourceNotFoundException");
        await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
    }

    @Test
    void onDemandStreamsStartWithFourShards() {
        kinesis.createStream(b -> b.streamName("on-demand").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        KinesisStreams.awaitActive(kinesis, "on-demand");
        var summary = kinesis.describeStreamSummary(b -> b.streamName("on-demand")).streamDescriptionSummary();
        assertThat(summary.openShardCount()).isEqualTo(4);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(errorOf(() -> kinesis.createStream(b -> b.streamName("bad").shardCount(0)))).isEqualTo("ValidationException");
        assertThat(errorOf(() -> kinesis.createStream(b -> b.streamName("bad name").shardCount(1)))).isEqualTo("ValidationException");
        assertThat(errorOf(() -> kinesis.createStream(b -> b.streamName("too-many").shardCount(10_000)))).isEqualTo("LimitExceededException");
    }

    @Test
    void listStreamsPagesWithNextToken() {
        for (String name : List.of("page-a", "page-b", "page-c")) {
            kinesis.createStream(b -> b.streamName(name).shardCount(1));
        }
        List<String> names = new ArrayList<>();
        ListStreamsResponse page = kinesis.listStreams(b -> b.limit(1));
        names.addAll(page.streamNames());
        while (page.hasMoreStreams()) {
            String token = page.nextToken();
            assertThat(page.streamSummaries()).hasSize(1);
            page = kinesis.listStreams(b -> b.nextToken(token).limit(1));
            names.addAll(page.streamNames());
        }
        assertThat(names).containsSubsequence("page-a", "page-b", "page-c").isSorted().doesNotHaveDuplicates();
        assertThat(kinesis.listStreams(b -> b.exclusiveStartStreamName("page-a").limit(1)).streamNames()).containsExactly("page-b");
        assertThat(errorOf(() -> kinesis.listStreams(b -> b.nextToken("bogus")))).isEqualTo("InvalidArgumentException");
    }

    @Test
    void listShardsPagesWithNextToken() {
        kinesis.createStream(b -> b.streamName("five-shards").shardCount(5));
        KinesisStreams.awaitActive(kinesis, "five-shards");
        ListShardsResponse first = kinesis.listShards(b -> b.streamName("five-shards").maxResults(2));
        assertThat(first.shards()).extracting(s -> s.shardId()).containsExactly("shardId-000000000000", "shardId-000000000001");
        ListShardsResponse second = kinesis.listShards(b -> b.nextToken(first.nextToken()).maxResults(10));
        assertThat(second.shards()).hasSize(3);
        assertThat(second.nextToken()).isNull();
        assertThat(errorOf(() -> kinesis.listShards(b -> b.streamName("five-shards").nextToken(first.nextToken()))))
                .isEqualTo("InvalidArgumentException");
        assertThat(kinesis.listShards(b -> b.streamName("five-shards").exclusiveStartShardId("shardId-000000000003")).shards())
                .extracting(s -> s.shardId()).containsExactly("shardId-000000000004");
        var described = kinesis.describeStream(b -> b.streamName("five-shards").limit(2)).streamDescription();
        assertThat(described.shards()).hasSize(2);
        assertThat(described.hasMoreShards()).isTrue();
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        kinesis.createStream(b -> b.streamName("tagged").shardCount(1).tags(Map.of("team", "data")));
        KinesisStreams.awaitActive(kinesis, "tagged");
        kinesis.addTagsToStream(b -> b.streamName("tagged").tags(Map.of("env", "dev", "team", "platform")));
        var all = kinesis.listTagsForStream(b -> b.streamName("tagged"));
        assertThat(all.tags()).containsExactly(Tag.builder().key("env").value("dev").build(), Tag.builder().key("team").value("platform").build());
        assertThat(all.hasMoreTags()).isFalse();
        var firstPage = kinesis.listTagsForStream(b -> b.streamName("tagged").limit(1));
        assertThat(firstPage.hasMoreTags()).isTrue();
        assertThat(kinesis.listTagsForStream(b -> b.streamName("tagged").exclusiveStartTagKey("env")).tags())
                .extracting(Tag::key).containsExactly("team");
        kinesis.removeTagsFromStream(b -> b.streamName("tagged").tagKeys("env", "absent"));
        assertThat(kinesis.listTagsForStream(b -> b.streamName("tagged")).tags()).extracting(Tag::key).containsExactly("team");
        Map<String, String> tooMany = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThat(errorOf(() -> kinesis.addTagsToStream(b -> b.streamName("tagged").tags(tooMany)))).isEqualTo("InvalidArgumentException");
    }

    @Test
    void retentionChangesReachTheKafkaTopic() throws Exception {
        kinesis.createStream(b -> b.streamName("retained").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "retained");
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName("retained").retentionPeriodHours(48));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("retained")).streamDescriptionSummary().retentionPeriodHours())
                .isEqualTo(48);
        assertThat(retentionMs(topicOf("retained"))).isEqualTo(String.valueOf(48L * 3600 * 1000));
        assertThat(errorOf(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName("retained").retentionPeriodHours(30))))
                .isEqualTo("InvalidArgumentException");
        assertThat(errorOf(() -> kinesis.decreaseStreamRetentionPeriod(b -> b.streamName("retained").retentionPeriodHours(12))))
                .isEqualTo("InvalidArgumentException");
        assertThat(errorOf(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName("retained").retentionPeriodHours(8761))))
                .isEqualTo("InvalidArgumentException");
        kinesis.decreaseStreamRetentionPeriod(b -> b.streamName("retained").retentionPeriodHours(24));
        assertThat(retentionMs(topicOf("retained"))).isEqualTo(String.valueOf(24L * 3600 * 1000));
    }

    @Test
    void updateMaxRecordSizeLetsAStreamTakeRecordsOverOneMebibyte() {
        kinesis.createStream(b -> b.streamName("large").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "large");
        String arn = kinesis.describeStreamSummary(b -> b.streamName("large")).streamDescriptionSummary().streamARN();
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("large")).streamDescriptionSummary().maxRecordSizeInKiB())
                .isEqualTo(1024);
        byte[] data = new byte[5 * 1024 * 1024];
        new java.util.Random(5).nextBytes(data);
        SdkBytes record = SdkBytes.fromByteArray(data);
        assertThat(errorOf(() -> kinesis.putRecord(b -> b.streamName("large").partitionKey("k").data(record))))
                .isEqualTo("ValidationException");

        kinesis.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(10240));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("large")).streamDescriptionSummary().maxRecordSizeInKiB())
                .isEqualTo(10240);
        String sequence = kinesis.putRecord(b -> b.streamName("large").partitionKey("k").data(record)).sequenceNumber();
        String iterator = kinesis.getShardIterator(b -> b.streamName("large").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(sequence)).shardIterator();
        List<Record> read = kinesis.getRecords(b -> b.shardIterator(iterator)).records();
        assertThat(read).hasSize(1);
        assertThat(read.get(0).data().asByteArray()).isEqualTo(data);

        assertThat(errorOf(() -> kinesis.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(512))))
                .isEqualTo("ValidationException");
        assertThat(errorOf(() -> kinesis.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(10241))))
                .isEqualTo("ValidationException");
        assertThat(errorOf(() -> kinesis.updateMaxRecordSize(b -> b.streamARN(arn.replace("/large", "/absent"))
                .maxRecordSizeInKiB(2048)))).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void updateStreamModeSwitchesCapacityModeByArn() {
        kinesis.createStream(b -> b.streamName("modal").shardCount(2));
        KinesisStreams.awaitActive(kinesis, "modal");
        String arn = kinesis.describeStreamSummary(b -> b.streamName("modal")).streamDescriptionSummary().streamARN();
        kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        await().atMost(Duration.ofSeconds(5)).until(() -> kinesis.describeStreamSummary(b -> b.streamName("modal"))
                .streamDescriptionSummary().streamModeDetails().streamMode() == StreamMode.ON_DEMAND);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("modal")).streamDescriptionSummary().openShardCount())
                .as("the shards stay").isEqualTo(2);
        kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED)));
        await().atMost(Duration.ofSeconds(5)).until(() -> kinesis.describeStreamSummary(b -> b.streamName("modal"))
                .streamDescriptionSummary().streamModeDetails().streamMode() == StreamMode.PROVISIONED);
        assertThat(errorOf(() -> kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode("SOMETIMES")))))
                .isEqualTo("ValidationException");
        assertThat(errorOf(() -> kinesis.updateStreamMode(b -> b.streamARN(arn.replace("/modal", "/absent"))
                .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void describeLimitsCountsOpenShardsAndOnDemandStreams() {
        kinesis.createStream(b -> b.streamName("counted").shardCount(3));
        DescribeLimitsResponse limits = kinesis.describeLimits(b -> { });
        assertThat(limits.shardLimit()).isEqualTo(500);
        assertThat(limits.openShardCount()).isGreaterThanOrEqualTo(3);
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(50);
        kinesis.createStream(b -> b.streamName("counted-on-demand")
                .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        DescribeLimitsResponse after = kinesis.describeLimits(b -> { });
        // Other tests' streams may finish deleting meanwhile: these two streams alone hold 7 open shards.
        assertThat(after.onDemandStreamCount()).isPositive();
        assertThat(after.openShardCount()).isGreaterThanOrEqualTo(7);
        assertThat(kinesis.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment().statusAsString())
                .isEqualTo("DISABLED");
    }

    @Test
    void resourceTagsEnhancedMonitoringAndResourcePoliciesAreStoredAndReturned() {
        kinesis.createStream(b -> b.streamName("resource").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "resource");
        String arn = kinesis.describeStreamSummary(b -> b.streamName("resource")).streamDescriptionSummary().streamARN();

        kinesis.tagResource(b -> b.resourceARN(arn).tags(Map.of("team", "data", "env", "test")));
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags())
                .extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("env", "test"), org.assertj.core.groups.Tuple.tuple("team", "data"));
        assertThat(kinesis.listTagsForStream(b -> b.streamName("resource")).tags()).hasSize(2);
        kinesis.untagResource(b -> b.resourceARN(arn).tagKeys("env"));
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags()).extracting(Tag::key).containsExactly("team");
        assertThat(errorOf(() -> kinesis.listTagsForResource(b -> b.resourceARN(arn + "-absent"))))
                .isEqualTo("ResourceNotFoundException");
        assertThat(errorOf(() -> kinesis.listTagsForResource(b -> b.resourceARN(arn + "/consumer/c:1"))))
                .isEqualTo("ResourceNotFoundException");

        var enabled = kinesis.enableEnhancedMonitoring(b -> b.streamName("resource")
                .shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.ITERATOR_AGE_MILLISECONDS));
        assertThat(enabled.currentShardLevelMetrics()).isEmpty();
        assertThat(enabled.desiredShardLevelMetrics())
                .containsExactly(MetricsName.INCOMING_BYTES, MetricsName.ITERATOR_AGE_MILLISECONDS);
        assertThat(kinesis.describeStream(b -> b.streamName("resource")).streamDescription().enhancedMonitoring().get(0)
                .shardLevelMetrics()).containsExactly(MetricsName.INCOMING_BYTES, MetricsName.ITERATOR_AGE_MILLISECONDS);
        var all = kinesis.enableEnhancedMonitoring(b -> b.streamARN(arn).shardLevelMetrics(MetricsName.ALL));
        assertThat(all.desiredShardLevelMetrics()).hasSize(7);
        var disabled = kinesis.disableEnhancedMonitoring(b -> b.streamName("resource")
                .shardLevelMetrics(MetricsName.ALL));
        assertThat(disabled.currentShardLevelMetrics()).hasSize(7);
        assertThat(disabled.desiredShardLevelMetrics()).isEmpty();
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("resource")).streamDescriptionSummary()
                .enhancedMonitoring().get(0).shardLevelMetrics()).isEmpty();

        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo("{}");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"kinesis:GetRecords\","
                + "\"Resource\":\"" + arn + "\"}]}";
        kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy(policy));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo(policy);
        assertThat(errorOf(() -> kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy("not json"))))
                .isEqualTo("InvalidArgumentException");
        kinesis.deleteResourcePolicy(b -> b.resourceARN(arn));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo("{}");

        // A consumer's policy is its own.
        String consumerArn = kinesis.registerStreamConsumer(b -> b.streamARN(arn).consumerName("audited")).consumer().consumerARN();
        String consumerPolicy = policy.replace("kinesis:GetRecords", "kinesis:SubscribeToShard").replace(arn, consumerArn);
        kinesis.putResourcePolicy(b -> b.resourceARN(consumerArn).policy(consumerPolicy));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(consumerArn)).policy()).isEqualTo(consumerPolicy);
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).as("the stream's").isEqualTo("{}");
        kinesis.deleteResourcePolicy(b -> b.resourceARN(consumerArn));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(consumerArn)).policy()).isEqualTo("{}");
        String earlierRegistration = consumerArn.substring(0, consumerArn.lastIndexOf(':') + 1) + "1";
        assertThat(errorOf(() -> kinesis.getResourcePolicy(b -> b.resourceARN(earlierRegistration))))
                .isEqualTo("ResourceNotFoundException");
    }

    private static String retentionMs(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource)).all().get().get(resource).get("retention.ms").value();
    }

    private static String topicOf(String stream) throws Exception {
        String prefix = "kinesis.000000000000.us-east-1." + stream + ".";
        return admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(prefix) && t.indexOf('.', prefix.length()) < 0)
                .findFirst().orElseThrow();
    }
}
