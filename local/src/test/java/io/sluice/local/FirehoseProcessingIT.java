package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3BackupMode;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;

/**
 * Record processing end to end, through the gateway with the SDK's FirehoseClient: a Lambda
 * transform (served by the test at Lambda's Invoke path) whose Ok records are delivered transformed,
 * Dropped ones not at all and ProcessingFailed ones under the error prefix in Firehose's JSON form;
 * and dynamic partitioning by a JQ query, each partition's objects holding exactly its records.
 */
class FirehoseProcessingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private static void createAndAwait(FirehoseClient firehose, String name, ExtendedS3DestinationConfiguration destination) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).extendedS3DestinationConfiguration(destination));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                        .deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
    }

    private static Record record(String data) {
        return Record.builder().data(SdkBytes.fromString(data, StandardCharsets.UTF_8)).build();
    }

    @Test
    void aLambdaTransformDeliversOkRecordsDropsDroppedOnesAndWritesFailuresUnderTheErrorPrefix() {
        Lambdas.register("shout", event -> {
            List<Map<String, Object>> records = new ArrayList<>();
            for (JsonNode r : event.path("records")) {
                String data = new String(Base64.getDecoder().decode(r.path("data").asText()), StandardCharsets.UTF_8);
                String result = data.startsWith("keep") ? "Ok" : data.startsWith("drop") ? "Dropped" : "ProcessingFailed";
                records.add(Map.of("recordId", r.path("recordId").asText(), "result", result,
                        "data", Base64.getEncoder().encodeToString(data.toUpperCase().getBytes(StandardCharsets.UTF_8))));
            }
            return Map.of("records", records);
        });
        String name = "transformed";
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            lake.createBucket(name + "-backup");
            createAndAwait(firehose, name, ExtendedS3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::" + name)
                    .prefix("ok/").errorOutputPrefix("errors/!{firehose:error-output-type}/")
                    .s3BackupMode(S3BackupMode.ENABLED)
                    .s3BackupConfiguration(b -> b.roleARN(ROLE).bucketARN("arn:aws:s3:::" + name + "-backup").prefix("source/")
                            .compressionFormat(CompressionFormat.GZIP))
                    .bufferingHints(h -> h.intervalInSeconds(0))
                    .processingConfiguration(p -> p.enabled(true).processors(
                            l -> l.type(ProcessorType.LAMBDA).parameters(
                                    q -> q.parameterName(ProcessorParameterName.LAMBDA_ARN)
                                            .parameterValue("arn:aws:lambda:us-east-1:000000000000:function:shout"),
                                    q -> q.parameterName(ProcessorParameterName.NUMBER_OF_RETRIES).parameterValue("1")),
                            d -> d.type(ProcessorType.APPEND_DELIMITER_TO_RECORD)))
                    .build());
            List<Record> records = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                String data = (i % 3 == 0 ? "keep-" : i % 3 == 1 ? "drop-" : "fail-") + i + ";";
                sources.add(data.substring(0, data.length() - 1));
                records.add(record(data));
                if (i % 3 == 0) {
                    kept.add(data.toUpperCase());
                } else if (i % 3 == 2) {
                    failed.add(data);
                }
            }
            assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(records)).failedPutCount()).isZero();

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(lake.lines(name, "ok/")).containsExactlyInAnyOrderElementsOf(kept);
                assertThat(lake.objects(name, "errors/").keySet()).allMatch(k -> k.startsWith("errors/processing-failed/"));
                List<String> raw = new ArrayList<>();
                for (String line : lake.lines(name, "errors/")) {
                    JsonNode doc = JSON.readTree(line);
                    assertThat(doc.path("errorCode").asText()).isEqualTo("Lambda.ProcessingFailedStatus");
                    assertThat(doc.path("lambdaArn").asText()).endsWith(":function:shout");
                    assertThat(doc.path("arrivalTimestamp").asLong()).isPositive();
                    raw.add(new String(Base64.getDecoder().decode(doc.path("rawData").asText()), StandardCharsets.UTF_8));
                }
                assertThat(raw).containsExactlyInAnyOrderElementsOf(failed);
                List<String> backedUp = new ArrayList<>();
                for (var object : lake.objects(name + "-backup", "source/").entrySet()) {
                    assertThat(object.getKey()).matches("source/\\d{4}/\\d{2}/\\d{2}/\\d{2}/" + name + "-1-.*\\.gz");
                    backedUp.addAll(List.of(new String(object.getValue(), StandardCharsets.UTF_8).split(";")));
                }
                assertThat(backedUp).as("every source record, as it was put").containsExactlyInAnyOrderElementsOf(sources);
            });
        }
    }

    @Test
    void dynamicPartitioningByAJqQueryWritesEachPartitionsRecordsUnderItsOwnPrefix() {
        String name = "partitioned";
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            ExtendedS3DestinationConfiguration.Builder destination = ExtendedS3DestinationConfiguration.builder().roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::" + name)
                    .prefix("customer=!{partitionKeyFromQuery:customer}/year=!{partitionKeyFromQuery:year}/")
                    .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                    .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(60))
                    .dynamicPartitioningConfiguration(d -> d.enabled(true))
                    .processingConfiguration(p -> p.enabled(true).processors(
                            m -> m.type(ProcessorType.METADATA_EXTRACTION).parameters(
                                    q -> q.parameterName(ProcessorParameterName.METADATA_EXTRACTION_QUERY)
                                            .parameterValue("{customer: .customer, year: .ts | strftime(\"%Y\")}"),
                                    q -> q.parameterName(ProcessorParameterName.JSON_PARSING_ENGINE).parameterValue("JQ-1.6")),
                            d -> d.type(ProcessorType.APPEND_DELIMITER_TO_RECORD)));
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                    .extendedS3DestinationConfiguration(destination.build().toBuilder().bufferingHints(h -> h.sizeInMBs(5)).build())))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at least 64");
            createAndAwait(firehose, name, destination.build());

            Map<String, List<String>> expected = new TreeMap<>();
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String customer = List.of("acme", "globex", "initech").get(i % 3);
                long ts = i % 2 == 0 ? 1_764_547_200L : 1_735_000_000L;
                String line = "{\"customer\":\"" + customer + "\",\"ts\":" + ts + ",\"i\":" + i + "}";
                records.add(record(line));
                expected.computeIfAbsent("customer=" + customer + "/year=" + (i % 2 == 0 ? "2025" : "2024") + "/", k -> new ArrayList<>())
                        .add(line);
            }
            records.add(record("{\"no_customer\":true}"));
            firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(records));
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> lake.objects(name, "").isEmpty());

            // Each look moves the clock past the interval again: a round opened late (the consumer finds a new
            // topic at its next metadata refresh and rebalance) is then due too.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Platform.CLOCK.advance(Duration.ofSeconds(61));
                for (Map.Entry<String, List<String>> partition : expected.entrySet()) {
                    assertThat(lake.lines(name, partition.getKey())).as(partition.getKey())
                            .containsExactlyInAnyOrderElementsOf(partition.getValue());
                }
                assertThat(lake.lines(name, "errors/partitioning-failed/")).singleElement()
                        .satisfies(line -> assertThat(new String(Base64.getDecoder().decode(JSON.readTree(line).path("rawData").asText()),
                                StandardCharsets.UTF_8)).isEqualTo("{\"no_customer\":true}"));
            });
            Map<String, byte[]> objects = lake.objects(name, "");
            assertThat(objects.keySet()).allSatisfy(key -> assertThat(key).matches(
                    "(customer=(acme|globex|initech)/year=202[45]|errors/partitioning-failed/\\d{4}/\\d{2}/\\d{2}/\\d{2})/" + name + "-1-.*"));
            assertThat(objects.keySet().stream().filter(k -> k.startsWith("customer=acme/year=2025/")).count())
                    .as("one object per partition key and source partition").isBetween(1L, 4L);
        }
    }
}
