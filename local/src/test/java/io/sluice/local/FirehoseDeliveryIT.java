package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testsupport.AwsClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.KeyType;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;

/**
 * Delivery end to end: records put with the SDK's FirehoseClient through the gateway land in the
 * embedded S3 server under Firehose's keys, each format decompressing to exactly the records put;
 * a buffer is delivered when it reaches its size, and a quiet one when its interval has passed on
 * the platform's clock.
 */
class FirehoseDeliveryIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private static void createAndAwait(FirehoseClient firehose, String name, String bucket,
            java.util.function.Consumer<software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration.Builder> destination) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> destination.accept(d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                        .deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
    }

    private static Record record(String line) {
        return Record.builder().data(SdkBytes.fromString(line + "\n", StandardCharsets.UTF_8)).build();
    }

    @ParameterizedTest
    @EnumSource(value = CompressionFormat.class, names = "UNKNOWN_TO_SDK_VERSION", mode = EnumSource.Mode.EXCLUDE)
    void eachCompressionFormatDeliversExactlyTheRecordsPutUnderFirehoseKeys(CompressionFormat format) {
        String name = "delivered-" + format.toString().toLowerCase().replace('_', '-');
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            createAndAwait(firehose, name, name, d -> d.prefix("events/").compressionFormat(format)
                    .bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1)));
            List<String> expected = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++) {
                List<Record> records = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String line = "{\"batch\":" + batch + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(i) + "\"}";
                    expected.add(line);
                    records.add(record(line));
                }
                PutRecordBatchResponse put = firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(records));
                assertThat(put.failedPutCount()).isZero();
                assertThat(put.requestResponses()).hasSize(200).allSatisfy(r -> assertThat(r.recordId()).isNotBlank());
                assertThat(put.requestResponses().stream().map(r -> r.recordId()).distinct()).hasSize(200);
            }
            String single = "{\"single\":true}";
            expected.add(single);
            assertThat(firehose.putRecord(b -> b.deliveryStreamName(name).record(record(single))).recordId()).isNotBlank();

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(lake.lines(name, "events/")).containsExactlyInAnyOrderElementsOf(expected));
            String extension = Map.of(CompressionFormat.GZIP, ".gz", CompressionFormat.ZIP, ".zip", CompressionFormat.SNAPPY, ".snappy",
                    CompressionFormat.HADOOP_SNAPPY, ".hsnappy").getOrDefault(format, "");
            Pattern key = Pattern.compile("events/\\d{4}/\\d{2}/\\d{2}/\\d{2}/" + name
                    + "-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                    + Pattern.quote(extension));
            assertThat(lake.objects(name, "").keySet()).allSatisfy(k -> assertThat(k).matches(key));
        }
    }

    @Test
    void aBufferIsDeliveredWhenItReachesItsSizeAndAQuietOneWhenItsIntervalHasPassed() throws InterruptedException {
        String name = "buffered";
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            createAndAwait(firehose, name, name, d -> d.bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(300)));
            // 500,000-byte records: two stay under 1 MiB, the third fills a buffer. 13 records, not a multiple of
            // three, leave at least one partition's buffer short of full however they are spread.
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                String line = String.format("%03d", i) + "y".repeat(500_000 - 4);
                expected.add(line);
                firehose.putRecord(b -> b.deliveryStreamName(name).record(record(line)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Map<String, byte[]> objects = lake.objects(name, "");
                assertThat(objects).as("13 records on 4 partitions fill at least one buffer").isNotEmpty();
                assertThat(objects.values()).as("every object delivered so far is a full buffer")
                        .allSatisfy(content -> assertThat(Lake.lines(content)).hasSize(3));
            });
            Thread.sleep(2_000); // whatever else fills meanwhile is delivered too; the rest waits for the interval
            int deliveredBySize = lake.lines(name, "").size();
            assertThat(deliveredBySize).as("13 records on 4 partitions fill at least one buffer; the rest waits for the interval")
                    .isBetween(3, 12);

            // Each look moves the clock past the interval again, so that a round opened after the first move is due too.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Platform.CLOCK.advance(Duration.ofSeconds(301));
                assertThat(lake.lines(name, "")).containsExactlyInAnyOrderElementsOf(expected);
            });
        }
    }

    @Test
    void aBucketThatIsGoneIsRetriedVisiblyAndNoRecordIsLost() throws Exception {
        String name = "vanishing";
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            createAndAwait(firehose, name, name, d -> d.bufferingHints(h -> h.intervalInSeconds(0)));
            lake.s3().deleteBucket(b -> b.bucket(name));
            List<String> expected = IntStream.range(0, 20).mapToObj(i -> "kept-" + i).toList();
            firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(expected.stream().map(FirehoseDeliveryIT::record).toList()));

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                var description = firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
                assertThat(description.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
                assertThat(description.failureDescription()).isNotNull();
                assertThat(description.failureDescription().typeAsString()).isEqualTo("UNKNOWN_ERROR");
                assertThat(description.failureDescription().details()).contains("S3 bucket " + name).contains("retried");
            });
            // Firehose's CloudWatch metrics tell the same story: the failed tries (DeliveryToS3.Success 0).
            String stream = "DeliveryStreamName=\"" + name + "\"";
            assertThat(Metrics.sum(PlatformService.FIREHOSE, "firehose_IncomingRecords_total", stream)).isEqualTo(20.0);
            assertThat(Metrics.sum(PlatformService.FIREHOSE, "firehose_PutRecordBatch_Records_sum", stream)).isEqualTo(20.0);
            assertThat(Metrics.sum(PlatformService.FIREHOSE, "firehose_DeliveryToS3_Success_count", stream)).isGreaterThanOrEqualTo(1.0);
            assertThat(Metrics.sum(PlatformService.FIREHOSE, "firehose_DeliveryToS3_Success_sum", stream)).isEqualTo(0.0);
            lake.createBucket(name);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(lake.lines(name, "")).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                        .failureDescription()).isNull();
            });
            assertThat(Metrics.sum(PlatformService.FIREHOSE, "firehose_DeliveryToS3_Records_total", stream)).isEqualTo(20.0);
            assertThat(Metrics.sum(PlatformService.FIREHOSE, "firehose_DeliveryToS3_Success_sum", stream)).isGreaterThanOrEqualTo(1.0);
            assertThat(Metrics.sum(PlatformService.FIREHOSE, "firehose_DeliveryToS3_Bytes_total", stream))
                    .isEqualTo((double) expected.stream().mapToInt(line -> line.length() + 1).sum());
            assertThat(Metrics.sum(PlatformService.FIREHOSE, "firehose_DeliveryToS3_DataFreshness", stream)).isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void aServiceThatStopsDeliversWhatItBufferedInsteadOfLeavingItToTheInterval() throws Exception {
        String name = "flushed-on-stop";
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            createAndAwait(firehose, name, name, d -> d.bufferingHints(h -> h.intervalInSeconds(900).sizeInMBs(128)));
            List<String> expected = IntStream.range(0, 30).mapToObj(i -> "buffered-" + i).toList();
            firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(expected.stream().map(FirehoseDeliveryIT::record).toList()));
            Thread.sleep(3_000); // taken into a buffer, 15 minutes from its interval
            assertThat(lake.lines(name, "")).isEmpty();

            Platform.get().restart(PlatformService.FIREHOSE);
            assertThat(lake.lines(name, "")).as("delivered as the service stopped").containsExactlyInAnyOrderElementsOf(expected);
            Thread.sleep(3_000);
            assertThat(lake.lines(name, "")).as("and committed: the next instance does not deliver them again")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void encryptedRecordsAreSealedInKafkaAndDeliveredInTheClear() throws Exception {
        String name = "sealed-delivery";
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                    .deliveryStreamEncryptionConfigurationInput(e -> e.keyType(KeyType.AWS_OWNED_CMK))
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + name)
                            .bufferingHints(h -> h.intervalInSeconds(0))));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    encryption(firehose, name).statusAsString().equals("ENABLED"));
            assertThat(encryption(firehose, name).keyType()).isEqualTo(KeyType.AWS_OWNED_CMK);
            assertThat(firehose.putRecord(b -> b.deliveryStreamName(name).record(record("secret-one"))).encrypted()).isTrue();

            firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName(name));
            assertThat(encryption(firehose, name).statusAsString()).isEqualTo("DISABLING");
            assertThatThrownBy(() -> firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName(name)))
                    .isInstanceOf(software.amazon.awssdk.services.firehose.model.ResourceInUseException.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    encryption(firehose, name).statusAsString().equals("DISABLED"));
            assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(record("plain-two"))).encrypted()).isFalse();
            assertThatThrownBy(() -> firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName(name)
                    .deliveryStreamEncryptionConfigurationInput(e -> e.keyType(KeyType.CUSTOMER_MANAGED_CMK))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("KeyARN is required");

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(lake.lines(name, "")).containsExactlyInAnyOrder("secret-one", "plain-two"));
            String kafka = new String(rawTopic(name), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(kafka).as("the sealed record is not readable in Kafka").doesNotContain("secret-one").contains("plain-two");
        }
    }

    private static software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionConfiguration encryption(
            FirehoseClient firehose, String name) {
        return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                .deliveryStreamEncryptionConfiguration();
    }

    /** Every value of a delivery stream's topic, read with a plain Kafka consumer, concatenated. */
    private static byte[] rawTopic(String name) throws Exception {
        java.util.Map<String, Object> settings = java.util.Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.kafkaBootstrapServers());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(settings,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            String topic = consumer.listTopics().keySet().stream().filter(t -> t.startsWith("firehose.000000000000.us-east-1." + name + "."))
                    .findFirst().orElseThrow();
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            java.io.ByteArrayOutputStream values = new java.io.ByteArrayOutputStream();
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen < 2 && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    values.writeBytes(r.value());
                    seen++;
                }
            }
            return values.toByteArray();
        }
    }

    @Test
    void badPutsGetTheErrorsFirehoseGivesAndNothingReachesS3() {
        String name = "refusing";
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            createAndAwait(firehose, name, name, d -> d.bufferingHints(h -> h.intervalInSeconds(0)));
            List<Record> tooMany = IntStream.range(0, 501).mapToObj(i -> record("r" + i)).toList();
            assertThatThrownBy(() -> firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(tooMany)))
                    .hasMessageContaining("Member must have length less than or equal to 500")
                    .satisfies(e -> assertThat(((software.amazon.awssdk.awscore.exception.AwsServiceException) e)
                            .awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            Record big = Record.builder().data(SdkBytes.fromByteArray(new byte[1_024_001])).build();
            assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName(name).record(big)))
                    .hasMessageContaining("Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000");
            assertThatThrownBy(() -> firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(List.of(record("ok"), big))))
                    .hasMessageContaining("'records.2.member.data'");
            Record large = Record.builder().data(SdkBytes.fromByteArray(new byte[1_000_000])).build();
            assertThatThrownBy(() -> firehose.putRecordBatch(b -> b.deliveryStreamName(name)
                    .records(large, large, large, large, large)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("4194304");
            assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("no-such-stream").record(record("x"))))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Firehose stream no-such-stream under account 000000000000 not found.");
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-prefix")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + name)
                            .prefix("a/!{timestamp:yyyy}/!{nonsense:x}/").errorOutputPrefix("errors/"))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("nonsense");
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-prefix")
                    .s3DestinationConfiguration(S3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::" + name)
                            .prefix("!{firehose:error-output-type}/").errorOutputPrefix("e/").build())))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ErrorOutputPrefix");

            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-processor")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + name)
                            .processingConfiguration(p -> p.enabled(true).processors(q -> q.type("Shredder"))))))
                    .hasMessageContaining("Value 'Shredder' at 'extendedS3DestinationConfiguration.processingConfiguration.processors.1.member.type'"
                            + " failed to satisfy constraint: Member must satisfy enum value set")
                    .satisfies(e -> assertThat(((software.amazon.awssdk.awscore.exception.AwsServiceException) e)
                            .awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-parameter")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + name)
                            .processingConfiguration(p -> p.enabled(true).processors(q -> q.type("AppendDelimiterToRecord")
                                    .parameters(r -> r.parameterName("LambdaArn").parameterValue("x")))))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Parameter LambdaArn is not supported for processor type AppendDelimiterToRecord.");
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-buffering")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + name)
                            .bufferingHints(h -> h.sizeInMBs(129).intervalInSeconds(901)))))
                    .hasMessageContaining("2 validation errors detected")
                    .hasMessageContaining("'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds'");

            firehose.putRecord(b -> b.deliveryStreamName(name).record(record("the only good one")));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(lake.lines(name, "")).containsExactly("the only good one"));
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(lake.lines(name, "")).containsExactly("the only good one"));
        }
    }
}
