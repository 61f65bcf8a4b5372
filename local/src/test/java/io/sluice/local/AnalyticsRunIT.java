package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;
import software.amazon.awssdk.services.kinesisanalytics.model.ResourceInUseException;

/**
 * An application runs as a Flink job on the platform's MiniCluster: a tumbling count per ticker in
 * Flink SQL over the in-application input stream, written to a Kinesis stream through Kinesis
 * routing; stopped (with a savepoint) while more records arrive and started again at
 * LAST_STOPPED_POINT, its counts add up to exactly the records put — none lost, none counted twice;
 * the same across restarts of the analytics service, with its job alive and with its job lost.
 */
class AnalyticsRunIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE = """
            -- Flink SQL over the in-application stream: a 2-second tumbling count per ticker.
            INSERT INTO DEST
            SELECT TICKER, COUNT(*) AS N, window_end AS WINDOW_END
            FROM TABLE(TUMBLE(TABLE SOURCE_SQL_STREAM_001, DESCRIPTOR(ROWTIME), INTERVAL '2' SECOND))
            GROUP BY TICKER, window_start, window_end;
            """;

    private static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    }

    private static ApplicationStatus status(KinesisAnalyticsClient analytics) {
        return analytics.describeApplication(b -> b.applicationName("run-counts")).applicationDetail().applicationStatus();
    }

    private static void put(KinesisClient kinesis, Map<String, Integer> expected, int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ticker = List.of("AMZN", "QXZ", "TBV").get(i % 3);
            expected.merge(ticker, 1, Integer::sum);
            entries.add(PutRecordsRequestEntry.builder().partitionKey(ticker + i)
                    .data(SdkBytes.fromUtf8String("{\"ticker\":\"" + ticker + "\",\"price\":" + (i % 97) + ".5}")).build());
        }
        assertThat(kinesis.putRecords(b -> b.streamName("run-trades").records(entries)).failedRecordCount()).isZero();
    }

    /** Every count the application has written so far, summed per ticker. */
    private static Map<String, Integer> counts(KinesisClient kinesis) throws Exception {
        return counts(kinesis, "run-counts-out");
    }

    private static Map<String, Integer> counts(KinesisClient kinesis, String stream) throws Exception {
        Map<String, Integer> sums = new TreeMap<>();
        for (String record : KinesisStreams.shardRecords(kinesis, stream, "shardId-000000000000")) {
            JsonNode row = JSON.readTree(record);
            sums.merge(row.get("TICKER").asText(), row.get("N").asInt(), Integer::sum);
        }
        return sums;
    }

    @Test
    void aFlinkSqlApplicationCountsEveryRecordOnceAcrossAStopAndAStartAtItsLastStoppedPoint() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            kinesis.createStream(b -> b.streamName("run-trades").shardCount(2));
            kinesis.createStream(b -> b.streamName("run-counts-out").shardCount(1));
            kinesis.createStream(b -> b.streamName("run-counts-out2").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "run-trades");
            KinesisStreams.awaitActive(kinesis, "run-counts-out");
            KinesisStreams.awaitActive(kinesis, "run-counts-out2");
            analytics.createApplication(b -> b.applicationName("run-counts").applicationCode(CODE)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("run-trades")).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("TICKER").mapping("$.ticker").sqlType("VARCHAR(4)"),
                                            c -> c.name("PRICE").mapping("$.price").sqlType("DOUBLE"))))
                    .outputs(o -> o.name("DEST").kinesisStreamsOutput(k -> k.resourceARN(arn("run-counts-out")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            Map<String, Integer> expected = new TreeMap<>();
            put(kinesis, expected, 300);

            analytics.startApplication(b -> b.applicationName("run-counts").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            assertThat(status(analytics)).isIn(ApplicationStatus.STARTING, ApplicationStatus.RUNNING);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(analytics) == ApplicationStatus.RUNNING);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(counts(kinesis)).isEqualTo(expected));
            // Kinesis Analytics' CloudWatch metrics, read from the job by the service: every record in, every row out.
            String application = "Application=\"run-counts\"";
            int rows = KinesisStreams.shardRecords(kinesis, "run-counts-out", "shardId-000000000000").size();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(Metrics.sum(PlatformService.ANALYTICS, "kinesisanalytics_InputRecords_total", application)).isEqualTo(300.0);
                assertThat(Metrics.sum(PlatformService.ANALYTICS, "kinesisanalytics_OutputRecords_total", application)).isEqualTo((double) rows);
                assertThat(Metrics.sum(PlatformService.ANALYTICS, "kinesisanalytics_Success_sum", application)).isGreaterThanOrEqualTo(1.0);
                assertThat(Metrics.sum(PlatformService.ANALYTICS, "kinesisanalytics_MillisBehindLatest", application)).isNotNull();
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> analytics.startApplication(b -> b.applicationName("run-counts")
                    .inputConfigurations(c -> c.id("1.1").inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.NOW)))))
                    .isInstanceOf(ResourceInUseException.class);

            put(kinesis, expected, 90);
            Thread.sleep(500); // some of these are in a window that is still open when the application stops
            analytics.stopApplication(b -> b.applicationName("run-counts"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(analytics) == ApplicationStatus.READY);
            put(kinesis, expected, 60);

            analytics.startApplication(b -> b.applicationName("run-counts").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.LAST_STOPPED_POINT))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(analytics) == ApplicationStatus.RUNNING);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(counts(kinesis)).isEqualTo(expected));
            Thread.sleep(3_000); // and nothing more arrives: no record counted twice
            assertThat(counts(kinesis)).isEqualTo(expected);
            assertThat(analytics.describeApplication(b -> b.applicationName("run-counts")).applicationDetail().inputDescriptions().get(0)
                    .inputStartingPositionConfiguration().inputStartingPosition()).isEqualTo(InputStartingPosition.LAST_STOPPED_POINT);

            // An output added while it runs: UPDATING, then RUNNING again with a job that writes to both.
            long version = analytics.describeApplication(b -> b.applicationName("run-counts")).applicationDetail().applicationVersionId();
            analytics.addApplicationOutput(b -> b.applicationName("run-counts").currentApplicationVersionId(version)
                    .output(o -> o.name("DEST").kinesisStreamsOutput(k -> k.resourceARN(arn("run-counts-out2")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            assertThat(status(analytics)).isIn(ApplicationStatus.UPDATING, ApplicationStatus.RUNNING);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(analytics) == ApplicationStatus.RUNNING);
            Map<String, Integer> afterUpdate = new TreeMap<>();
            put(kinesis, afterUpdate, 30);
            afterUpdate.forEach((ticker, n) -> expected.merge(ticker, n, Integer::sum));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(counts(kinesis)).isEqualTo(expected);
                assertThat(counts(kinesis, "run-counts-out2")).isEqualTo(afterUpdate);
            });

            // A restart of the analytics service finds the job still running and leaves it be.
            String job = runningJobId();
            Platform.get().restart(PlatformService.ANALYTICS);
            put(kinesis, expected, 30);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(counts(kinesis)).isEqualTo(expected));
            assertThat(status(analytics)).isEqualTo(ApplicationStatus.RUNNING);
            assertThat(runningJobId()).isEqualTo(job);

            // A job lost behind the service's back (cancelled here, after a checkpoint that follows its last
            // output) is submitted again from its latest checkpoint when the service restarts.
            Thread.sleep(12_000); // a checkpoint (every 10 s) after the last window's output
            flink("PATCH", "/jobs/" + job + "?mode=cancel");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> "CANCELED".equals(JSON.readTree(flink("GET", "/jobs/" + job)).get("state").asText()));
            Platform.get().restart(PlatformService.ANALYTICS);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> runningJobId() != null && !runningJobId().equals(job));
            put(kinesis, expected, 30);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(counts(kinesis)).isEqualTo(expected));
            Thread.sleep(3_000);
            assertThat(counts(kinesis)).as("nothing counted twice after the resubmission").isEqualTo(expected);

            // Deleting a running application halts its job.
            assertThat(runningJobs()).contains("kinesisanalytics 000000000000/us-east-1/run-counts");
            java.time.Instant created = analytics.describeApplication(b -> b.applicationName("run-counts")).applicationDetail().createTimestamp();
            analytics.deleteApplication(b -> b.applicationName("run-counts").createTimestamp(created));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !runningJobs().contains("kinesisanalytics 000000000000/us-east-1/run-counts"));
        }
    }

    /** The names of the jobs running on the platform's Flink cluster, from its REST API. */
    private static List<String> runningJobs() throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(flink("GET", "/jobs/overview")).get("jobs").forEach(job -> {
            if ("RUNNING".equals(job.get("state").asText())) {
                names.add(job.get("name").asText());
            }
        });
        return names;
    }

    /** The id of the application's running job, null when none runs. */
    private static String runningJobId() throws Exception {
        for (JsonNode job : JSON.readTree(flink("GET", "/jobs/overview")).get("jobs")) {
            if ("RUNNING".equals(job.get("state").asText()) && job.get("name").asText().endsWith("/run-counts")) {
                return job.get("jid").asText();
            }
        }
        return null;
    }

    private static String flink(String method, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(Platform.FLINK.restAddress().resolve(path))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
