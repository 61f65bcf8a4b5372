package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.Input;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.Output;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;

/**
 * Firehose delivery streams as an application's output and input, as KDA wired them: a legacy
 * 10-second count per ticker written to a DirectPut delivery stream (encrypted at rest) reaches its
 * S3 bucket with counts that add up to exactly the records put; an application reading a delivery
 * stream (KinesisFirehoseInput) counts exactly the records put with PutRecordBatch.
 */
class AnalyticsFirehoseIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNT = """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
              SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
              FROM "SOURCE_SQL_STREAM_001"
              GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND);
            """;

    private static String trade(int i) {
        return "{\"TICKER_SYMBOL\":\"" + List.of("AMZN", "QXZ", "TBV").get(i % 3) + "\",\"PRICE\":" + (i % 50) + ".5}";
    }

    private static Map<String, Integer> expected(int records) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < records; i++) {
            counts.merge(List.of("AMZN", "QXZ", "TBV").get(i % 3), 1, Integer::sum);
        }
        return counts;
    }

    private static Input.Builder input(Input.Builder input) {
        return input.namePrefix("SOURCE_SQL_STREAM").inputSchema(s -> s
                .recordFormat(f -> f.recordFormatType(RecordFormatType.JSON).mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"),
                        c -> c.name("PRICE").mapping("$.PRICE").sqlType("REAL")));
    }

    private static Output.Builder output(Output.Builder output) {
        return output.name("DESTINATION_SQL_STREAM").destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON));
    }

    private static void deliveryStream(FirehoseClient firehose, Lake lake, String name) {
        lake.createBucket(name);
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).extendedS3DestinationConfiguration(d -> d
                .roleARN(ROLE).bucketARN("arn:aws:s3:::" + name).bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                        .deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
    }

    private static void start(KinesisAnalyticsClient analytics, String name) {
        analytics.startApplication(b -> b.applicationName(name).inputConfigurations(c -> c.id("1.1")
                .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
    }

    /** Deletes an application (and halts its job, so that its slot is free for other tests). */
    static void delete(KinesisAnalyticsClient analytics, String name) {
        java.time.Instant created = analytics.describeApplication(b -> b.applicationName(name)).applicationDetail().createTimestamp();
        analytics.deleteApplication(b -> b.applicationName(name).createTimestamp(created));
    }

    /** The counts in every row delivered to the bucket (KDA's JSON rows, one after another). */
    private static Map<String, Integer> delivered(Lake lake, String bucket) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (byte[] object : lake.objects(bucket, "").values()) {
            try (MappingIterator<JsonNode> rows = JSON.readerFor(JsonNode.class).readValues(object)) {
                rows.forEachRemaining(row -> counts.merge(row.get("TICKER_SYMBOL").asText(), row.get("TICKER_COUNT").asInt(), Integer::sum));
            }
        }
        return counts;
    }

    @Test
    void countsWrittenToAnEncryptedDeliveryStreamReachItsBucketExactlyOnce() {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                FirehoseClient firehose = AwsClients.firehose(Platform.endpoint());
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint());
                Lake lake = new Lake()) {
            kinesis.createStream(b -> b.streamName("fh-out-trades").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "fh-out-trades");
            deliveryStream(firehose, lake, "kda-counts");
            firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("kda-counts"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("kda-counts")).deliveryStreamDescription()
                            .deliveryStreamEncryptionConfiguration().status() == DeliveryStreamEncryptionStatus.ENABLED);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String(trade(i))).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("fh-out-trades").records(entries)).failedRecordCount()).isZero();

            analytics.createApplication(b -> b.applicationName("to-firehose").applicationCode(COUNT)
                    .inputs(i -> input(i).kinesisStreamsInput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/fh-out-trades")
                            .roleARN(ROLE)))
                    .outputs(o -> output(o).kinesisFirehoseOutput(f -> f.resourceARN("arn:aws:firehose:us-east-1:000000000000:deliverystream/kda-counts")
                            .roleARN(ROLE))));
            start(analytics, "to-firehose");

            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(delivered(lake, "kda-counts")).isEqualTo(expected(150)));
            delete(analytics, "to-firehose");
        }
    }

    @Test
    void anApplicationReadingADeliveryStreamCountsEveryRecordPut() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                FirehoseClient firehose = AwsClients.firehose(Platform.endpoint());
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint());
                Lake lake = new Lake()) {
            kinesis.createStream(b -> b.streamName("fh-in-counts").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "fh-in-counts");
            deliveryStream(firehose, lake, "kda-source");
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                records.add(Record.builder().data(SdkBytes.fromUtf8String(trade(i))).build());
            }
            assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("kda-source").records(records)).failedPutCount()).isZero();

            analytics.createApplication(b -> b.applicationName("from-firehose").applicationCode(COUNT)
                    .inputs(i -> input(i).kinesisFirehoseInput(f -> f.resourceARN("arn:aws:firehose:us-east-1:000000000000:deliverystream/kda-source")
                            .roleARN(ROLE)))
                    .outputs(o -> output(o).kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/fh-in-counts")
                            .roleARN(ROLE))));
            start(analytics, "from-firehose");

            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Integer> counts = new TreeMap<>();
                for (String row : KinesisStreams.shardRecords(kinesis, "fh-in-counts", "shardId-000000000000")) {
                    JsonNode node = JSON.readTree(row);
                    counts.merge(node.get("TICKER_SYMBOL").asText(), node.get("TICKER_COUNT").asInt(), Integer::sum);
                }
                assertThat(counts).isEqualTo(expected(90));
            });
            delete(analytics, "from-firehose");
        }
    }
}
