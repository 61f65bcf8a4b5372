package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.engines.FreePorts;
import io.sluice.testsupport.AwsClients;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;

/**
 * Applications on a Flink session cluster, as docker-compose and Kubernetes run them: a cluster in a
 * process of its own with nothing but Flink on its class path (no Sluice classes, no Kafka client,
 * no connector), the analytics service configured with its REST URL and the {@code flink-job} jar
 * that Maven builds beside analytics-service. A legacy tumbling count runs there and counts every
 * record once.
 */
class AnalyticsSessionClusterIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a Flink distribution does not have: Sluice's modules and the libraries its job jar brings. */
    private static final List<String> NOT_ON_THE_CLUSTER = List.of("/analytics-service", "/common/", "/kafka-records", "/object-storage",
            "/aws-endpoint", "/streams-service", "/firehose-service", "/gateway/", "/local/target", "flink-connector-kafka",
            "flink-connector-base", "kafka-clients", "randomcutforest", "datasketches", "/io/minio/", "/calcite");

    @Test
    void aLegacyApplicationRunsOnASessionClusterFromTheJobJar(@TempDir Path state) throws Exception {
        Path jobJar = jobJar();
        int restPort = FreePorts.pick();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> NOT_ON_THE_CLUSTER.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("analytics-service").doesNotContain("kafka-clients");
        Process cluster = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classPath,
                "io.sluice.engines.EmbeddedFlink", String.valueOf(restPort), "2")
                .redirectErrorStream(true).redirectOutput(state.resolve("flink.log").toFile()).start();
        try (SluicePlatform platform = SluicePlatform.start(Platform.settings("sluice_session", Set.of(PlatformService.STREAMS,
                        PlatformService.ANALYTICS), Map.of(
                        "sluice.analytics.flink.rest-url", "http://127.0.0.1:" + restPort,
                        "sluice.analytics.flink.job-jar", jobJar.toString(),
                        "sluice.analytics.flink.state-dir", state.resolve("flink-state").toUri().toString())));
                KinesisClient kinesis = AwsClients.kinesis(URI.create("http://127.0.0.1:" + platform.gatewayPort()), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(URI.create("http://127.0.0.1:" + platform.gatewayPort()))) {
            awaitCluster(restPort);
            for (String stream : new String[] {"session-in", "session-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                Platform.awaitActive(kinesis, stream);
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            Map<String, Integer> expected = new TreeMap<>();
            for (int i = 0; i < 60; i++) {
                String ticker = List.of("AMZN", "QXZ", "TBV").get(i % 3);
                expected.merge(ticker, 1, Integer::sum);
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                        .data(SdkBytes.fromUtf8String("{\"TICKER_SYMBOL\":\"" + ticker + "\"}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("session-in").records(entries)).failedRecordCount()).isZero();
            analytics.createApplication(b -> b.applicationName("on-a-session-cluster").applicationCode("""
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
                            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM ticker_symbol, COUNT(*) FROM "SOURCE_SQL_STREAM_001"
                              GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '2' SECOND);
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM")
                            .kinesisStreamsInput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/session-in").roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM")
                            .kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/session-out").roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("on-a-session-cluster").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Integer> counts = new TreeMap<>();
                for (String row : Platform.shardRecords(kinesis, "session-out", "shardId-000000000000")) {
                    JsonNode node = JSON.readTree(row);
                    counts.merge(node.get("TICKER_SYMBOL").asText(), node.get("TICKER_COUNT").asInt(), Integer::sum);
                }
                assertThat(counts).isEqualTo(expected);
            });
            AnalyticsFirehoseIT.delete(analytics, "on-a-session-cluster");
        } finally {
            cluster.destroyForcibly().waitFor();
        }
    }

    /** The flink-job jar Maven built beside analytics-service's (the reactor builds that module before this one). */
    private static Path jobJar() throws Exception {
        Path target = Path.of("").toAbsolutePath().getParent().resolve("analytics-service/target");
        try (var jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-flink-job.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No flink-job jar in " + target + ": build analytics-service first"));
        }
    }

    private static void awaitCluster(int restPort) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/overview")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }
}
