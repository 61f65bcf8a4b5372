package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;

/**
 * A graceful stop of {@code ./sluice-local} with an application running and live tails open: the
 * tails end as the stop begins (the gateway and the services do not wait their graceful-shutdown
 * timeout for streams that never end), the job stops with a savepoint (the MiniCluster goes with
 * the launcher), and the next start resumes it from there — rows of a window still open at the stop
 * are counted once, none twice, though no periodic checkpoint followed them.
 */
class LauncherShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final String CODE = """
            CREATE OR REPLACE STREAM "DEST" (TICKER VARCHAR(4), N INTEGER);
            CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST"
            SELECT STREAM TICKER, COUNT(*) AS N FROM "SOURCE_SQL_STREAM_001"
            GROUP BY TICKER, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '5' SECOND);
            """;

    @Test
    void aRunningApplicationStopsWithASavepointAndResumesFromItAtTheNextStart(@TempDir Path dataDir) throws Exception {
        LocalOptions options = LocalOptions.parse("--port", "0", "--s3-port", "0", "--data-dir", dataDir.toString());
        Map<String, Integer> expected = new TreeMap<>();
        BlockingQueue<Rest.Event> records = Rest.queue();
        BlockingQueue<Rest.Event> rows = Rest.queue();
        long stopping;
        try (SluiceLocal local = SluiceLocal.start(options);
                KinesisClient kinesis = AwsClients.kinesis(endpoint(local), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(endpoint(local))) {
            kinesis.createStream(b -> b.streamName("sd-trades").shardCount(1));
            kinesis.createStream(b -> b.streamName("sd-counts").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "sd-trades");
            KinesisStreams.awaitActive(kinesis, "sd-counts");
            analytics.createApplication(b -> b.applicationName("sd-app").applicationCode(CODE)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("sd-trades")).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("TICKER").mapping("$.ticker").sqlType("VARCHAR(4)"))))
                    .outputs(o -> o.name("DEST").kinesisStreamsOutput(k -> k.resourceARN(arn("sd-counts")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("sd-app").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            awaitRunning(analytics);
            put(kinesis, expected, 120);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(counts(kinesis)).isEqualTo(expected));
            put(kinesis, expected, 60); // in a window that is open when the launcher stops
            Rest.events(endpoint(local), "/v1/streams/sd-trades/records/stream?shardId=shardId-000000000000", records);
            Rest.events(endpoint(local), "/v1/applications/sd-app/streams/SOURCE_SQL_STREAM_001/stream", rows);
            Thread.sleep(1_000);
            stopping = System.nanoTime();
        }
        Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
        System.out.printf("[shutdown] ./sluice-local stopped in %d ms with an application running and two live tails open%n", stop.toMillis());
        assertThat(endOf(records)).as("the shard's tail ended").isEqualTo(Rest.ENDED);
        assertThat(endOf(rows)).as("the in-application stream's tail ended").isEqualTo(Rest.ENDED);
        // Each graceful-shutdown phase may wait 30 s: a tail that held the gateway or a service would take that long.
        assertThat(stop).isLessThan(Duration.ofSeconds(25));
        try (SluiceLocal local = SluiceLocal.start(options);
                KinesisClient kinesis = AwsClients.kinesis(endpoint(local), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(endpoint(local))) {
            awaitRunning(analytics);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(counts(kinesis)).isEqualTo(expected));
            Thread.sleep(6_000); // a window later: nothing counted twice
            assertThat(counts(kinesis)).isEqualTo(expected);
        }
    }

    /** The last event of a tail that ended, or null if it goes on. */
    private static Rest.Event endOf(BlockingQueue<Rest.Event> events) throws InterruptedException {
        for (Rest.Event event = events.poll(5, TimeUnit.SECONDS); event != null; event = events.poll(5, TimeUnit.SECONDS)) {
            if (event == Rest.ENDED) {
                return event;
            }
        }
        return null;
    }

    private static URI endpoint(SluiceLocal local) {
        return URI.create("http://127.0.0.1:" + local.gatewayPort());
    }

    private static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    }

    private static void awaitRunning(KinesisAnalyticsClient analytics) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                analytics.describeApplication(b -> b.applicationName("sd-app")).applicationDetail().applicationStatus()
                        == ApplicationStatus.RUNNING);
    }

    private static void put(KinesisClient kinesis, Map<String, Integer> expected, int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ticker = List.of("AMZN", "QXZ").get(i % 2);
            expected.merge(ticker, 1, Integer::sum);
            entries.add(PutRecordsRequestEntry.builder().partitionKey(ticker + i)
                    .data(SdkBytes.fromUtf8String("{\"ticker\":\"" + ticker + "\"}")).build());
        }
        assertThat(kinesis.putRecords(b -> b.streamName("sd-trades").records(entries)).failedRecordCount()).isZero();
    }

    private static Map<String, Integer> counts(KinesisClient kinesis) throws Exception {
        Map<String, Integer> sums = new TreeMap<>();
        for (String record : KinesisStreams.shardRecords(kinesis, "sd-counts", "shardId-000000000000")) {
            JsonNode row = JSON.readTree(record);
            sums.merge(row.get("TICKER").asText(), row.get("N").asInt(), Integer::sum);
        }
        return sums;
    }
}
