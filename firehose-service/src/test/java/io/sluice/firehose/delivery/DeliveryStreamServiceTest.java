package io.sluice.firehose.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.endpoint.CallerScope;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.firehose.destination.S3Destination;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ListDeliveryStreams over the in-memory twin of the store: the caller's streams only, Firehose's default page of 10. */
class DeliveryStreamServiceTest {
    private final Caller caller = new Caller("000000000000", "us-east-1");
    private final MemoryDeliveryStreamStore store = new MemoryDeliveryStreamStore();
    private final java.util.Set<String> buckets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The topics the lifecycle made and has not deleted. */
    private final java.util.Set<String> topics = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final DeliveryStreamCache cache = new DeliveryStreamCache(store, java.time.Duration.ofHours(1));
    private final DeliveryStreamLifecycle lifecycle = lifecycle(java.time.Duration.ZERO);
    private final DeliveryStreamService service = new DeliveryStreamService(store, new CallerScope(caller),
            lifecycle, cache, Clock.systemUTC(), 5000, new io.sluice.common.crypto.MasterKey(null, "k"));

    private DeliveryStreamLifecycle lifecycle(java.time.Duration delay) {
        DeliveryTopics kept = new DeliveryTopics() {
            @Override
            public void create(DeliveryStream stream) {
                topics.add(DeliveryTopics.topicOf(stream));
            }

            @Override
            public void delete(DeliveryStream stream) {
                topics.remove(DeliveryTopics.topicOf(stream));
            }

            @Override
            public java.util.Map<Integer, Long> endOffsets(String topic, java.util.List<Integer> partitions) {
                return java.util.Map.of();
            }
        };
        return new DeliveryStreamLifecycle(store, buckets::contains, kept, cache, (owner, stream) -> java.util.Optional.empty(), Clock.systemUTC(),
                new FirehoseProperties("000000000000", "us-east-1", null, null, null, null, delay, java.time.Duration.ofHours(1), 5000, null, null),
                event -> { });
    }

    @org.junit.jupiter.api.AfterEach
    void stop() throws InterruptedException {
        lifecycle.close();
    }

    private static S3Destination s3(String bucket, String compression) {
        return new S3Destination("arn:aws:iam::000000000000:role/firehose", "arn:aws:s3:::" + bucket, null, null,
                null, compression, null, null, null, null, null, null, null, null, null);
    }

    private static CreateDeliveryStreamRequest create(String name, S3Destination extended, S3Destination plain) {
        return new CreateDeliveryStreamRequest(name, null, null, null, plain, extended, null, null, null, null, null, null,
                null, null, java.util.List.of(new Tag("team", "data")));
    }

    private String status(String name) {
        return service.describe(new DeliveryStreamNameRequest(name, null, null, null)).deliveryStreamDescription()
                .deliveryStreamStatus();
    }

    @Test
    void aNewStreamIsCreatingThenActiveWhenItsBucketExistsAndDescribesTheDefaultsAwsFillsIn() {
        buckets.add("lake");
        CreateDeliveryStreamResponse created = service.create(create("clicks", s3("lake", null), null));
        assertThat(created.deliveryStreamArn()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> status("clicks").equals("ACTIVE"));
        DescribeDeliveryStreamResponse.Description description =
                service.describe(new DeliveryStreamNameRequest("clicks", null, null, null)).deliveryStreamDescription();
        assertThat(description.versionId()).isEqualTo("1");
        assertThat(description.deliveryStreamType()).isEqualTo("DirectPut");
        var destination = description.destinations().get(0);
        assertThat(destination.destinationId()).isEqualTo("destinationId-000000000001");
        assertThat(destination.extendedS3DestinationDescription().bufferingHints())
                .isEqualTo(new io.sluice.firehose.destination.BufferingHints(5, 300));
        assertThat(destination.extendedS3DestinationDescription().compressionFormat()).isEqualTo("UNCOMPRESSED");
        assertThat(destination.extendedS3DestinationDescription().s3BackupMode()).isEqualTo("Disabled");
        assertThat(destination.s3DestinationDescription().bucketArn()).isEqualTo("arn:aws:s3:::lake");
        assertThat(store.find(caller, "clicks").orElseThrow().tags()).containsEntry("team", "data");
        assertThat(topics).as("its topic, made before it turned ACTIVE")
                .containsExactly(DeliveryTopics.topicOf(store.find(caller, "clicks").orElseThrow()));

        assertThatThrownBy(() -> service.create(create("clicks", s3("lake", null), null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_IN_USE));
        service.delete(new DeliveryStreamNameRequest("clicks", null, null, null));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(topics::isEmpty);
    }

    private static UpdateDestinationRequest update(String version, String destinationId, S3Destination extended) {
        return new UpdateDestinationRequest("clicks", version, destinationId, null, extended, null, null, null, null, null,
                null, null, null);
    }

    @Test
    void updateDestinationMergesTheGivenMembersAndRaisesTheVersionOnlyFromTheCurrentOne() {
        buckets.add("lake");
        service.create(create("clicks", s3("lake", null), null));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> status("clicks").equals("ACTIVE"));
        S3Destination change = new S3Destination(null, null, "v2/", null,
                new io.sluice.firehose.destination.BufferingHints(null, 60), "Snappy", null, null, null, null, null, null, null,
                null, null);
        service.updateDestination(update("1", "destinationId-000000000001", change));
        DescribeDeliveryStreamResponse.Description after =
                service.describe(new DeliveryStreamNameRequest("clicks", null, null, null)).deliveryStreamDescription();
        assertThat(after.versionId()).isEqualTo("2");
        var destination = after.destinations().get(0).extendedS3DestinationDescription();
        assertThat(destination.prefix()).isEqualTo("v2/");
        assertThat(destination.compressionFormat()).isEqualTo("Snappy");
        assertThat(destination.bufferingHints()).isEqualTo(new io.sluice.firehose.destination.BufferingHints(5, 60));
        assertThat(destination.bucketArn()).isEqualTo("arn:aws:s3:::lake");

        assertThatThrownBy(() -> service.updateDestination(update("1", "destinationId-000000000001", change)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        assertThatThrownBy(() -> service.updateDestination(update("2", "destinationId-000000000009", change)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        S3Destination tooBig = new S3Destination(null, null, null, null,
                new io.sluice.firehose.destination.BufferingHints(200, null), null, null, null, null, null, null, null, null,
                null, null);
        assertThatThrownBy(() -> service.updateDestination(update("2", "destinationId-000000000001", tooBig)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
                        .contains("extendedS3DestinationUpdate.bufferingHints.sizeInMBs"));
        assertThat(store.find(caller, "clicks").orElseThrow().versionId()).as("refused updates change nothing").isEqualTo(2);
    }

    @Test
    void aMissingBucketLeavesTheStreamCreatingFailedWithAReason() {
        service.create(create("orphan", null, s3("no-such-bucket", "GZIP")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> status("orphan").equals("CREATING_FAILED"));
        DescribeDeliveryStreamResponse.Description description =
                service.describe(new DeliveryStreamNameRequest("orphan", null, null, null)).deliveryStreamDescription();
        assertThat(description.failureDescription().details()).contains("no-such-bucket");
        assertThat(topics).as("no topic for a stream that failed").isEmpty();
        assertThat(description.destinations().get(0).extendedS3DestinationDescription()).as("given as a plain S3 destination").isNull();
        assertThat(description.destinations().get(0).s3DestinationDescription().compressionFormat()).isEqualTo("GZIP");
        service.delete(new DeliveryStreamNameRequest("orphan", null, null, true));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> store.find(caller, "orphan").isEmpty());
        assertThatThrownBy(() -> status("orphan"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void badConfigurationsGetTheErrorsAwsGives() {
        assertThatThrownBy(() -> service.create(create("x", new S3Destination("not-a-role", "arn:aws:s3:::b", null, null,
                new io.sluice.firehose.destination.BufferingHints(129, 901), "BZIP2", null, null, null, null, null, null, null,
                null, null), null)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.getMessage()).startsWith("4 validation errors detected")
                            .contains("'extendedS3DestinationConfiguration.roleARN'")
                            .contains("'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs'")
                            .contains("'extendedS3DestinationConfiguration.compressionFormat'");
                });
        assertThatThrownBy(() -> service.create(create("x", s3("b", null), s3("b", null))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> service.create(create("x", null, null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> service.create(create("x", s3("b", null), null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("not name a valid S3 bucket"));
        S3Destination converting = new S3Destination("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::lake", null, null, null,
                "GZIP", null, null, null, null, null,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("Enabled", true), null, null, null);
        assertThatThrownBy(() -> service.create(create("x", converting, null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("UNCOMPRESSED"));
        assertThat(store.find(caller, "x")).isEmpty();
    }

    @Test
    void theQuotaOfDeliveryStreamsPerAccountHolds() {
        DeliveryStreamService small = new DeliveryStreamService(store, new CallerScope(caller), lifecycle, cache, Clock.systemUTC(), 2, new io.sluice.common.crypto.MasterKey(null, "k"));
        small.create(create("one", s3("lake", null), null));
        small.create(create("two", s3("lake", null), null));
        assertThatThrownBy(() -> small.create(create("three", s3("lake", null), null)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                    assertThat(e.getMessage()).isEqualTo("You have already consumed your firehose quota of 2 hoses.");
                });
        assertThat(store.find(caller, "three")).isEmpty();
        new DeliveryStreamService(new MemoryDeliveryStreamStore(), new CallerScope(new Caller("111111111111", "us-east-1")),
                lifecycle, cache, Clock.systemUTC(), 2, new io.sluice.common.crypto.MasterKey(null, "k")).create(create("three", s3("lake", null), null));
    }

    @Test
    void aStreamStillCreatingCannotBeDeleted() throws InterruptedException {
        try (DeliveryStreamLifecycle slow = lifecycle(java.time.Duration.ofHours(1))) {
            DeliveryStreamService patient = new DeliveryStreamService(store, new CallerScope(caller),
                    slow, cache, Clock.systemUTC(), 5000, new io.sluice.common.crypto.MasterKey(null, "k"));
            patient.create(create("young", s3("lake", null), null));
            assertThatThrownBy(() -> patient.delete(new DeliveryStreamNameRequest("young", null, null, null)))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_IN_USE));
            assertThat(store.find(caller, "young").orElseThrow().status()).isEqualTo("CREATING");
        }
    }

    @Test
    void listsTheCallersStreamsTenAtATimeByDefault() {
        for (int i = 0; i < 12; i++) {
            store.create(new DeliveryStream(caller, String.format("s%02d", i), "DirectPut", "ACTIVE", 1, Instant.now()));
        }
        store.create(new DeliveryStream(new Caller("111111111111", "us-east-1"), "s00x", "DirectPut", "ACTIVE", 1, Instant.now()));
        ListDeliveryStreamsResponse first = service.list(new ListDeliveryStreamsRequest(null, null, null));
        assertThat(first.deliveryStreamNames()).hasSize(10).startsWith("s00", "s01").doesNotContain("s00x");
        assertThat(first.hasMoreDeliveryStreams()).isTrue();
        ListDeliveryStreamsResponse rest = service.list(new ListDeliveryStreamsRequest(null, null, "s09"));
        assertThat(rest.deliveryStreamNames()).containsExactly("s10", "s11");
        assertThat(rest.hasMoreDeliveryStreams()).isFalse();
    }

    @Test
    void valuesOutsideTheModelsConstraintsAreValidationExceptions() {
        assertThatThrownBy(() -> service.list(new ListDeliveryStreamsRequest(10001, null, null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
        assertThatThrownBy(() -> service.list(new ListDeliveryStreamsRequest(null, "Kafka", null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("deliveryStreamType"));
        assertThatThrownBy(() -> service.list(new ListDeliveryStreamsRequest(null, null, "bad name!")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("exclusiveStartDeliveryStreamName"));
    }
}
