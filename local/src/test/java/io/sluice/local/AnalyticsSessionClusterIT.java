package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engines.FreePorts;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications on a Flink session cluster, as docker-compose and Kubernetes run them: a cluster in a
 * process of its own with nothing but Flink on its class path (no Sluice classes, no Kafka client,
 * no connector), the analytics service configured with its REST URL and the {@code flink-job} jar
 * that Maven builds beside analytics-service. A legacy tumbling count runs there and counts every
 * record once.
 */
class AnalyticsSessionClusterIT {
    /** What a Flink distribution does not have: Sluice's modules and the libraries its job jar brings. */
    private static final List<String> NOT_ON_THE_CLUSTER = List.of("/analytics-service", "/common/", "/kafka-records", "/object-storage",
            "/aws-endpoint", "/streams-service", "/firehose-service", "/gateway/", "/local/target", "flink-connector-kafka",
            "flink-connector-base", "kafka-clients", "randomcutforest", "datasketches", "/io/minio/", "/calcite");

    @Test
    void aLegacyApplicationRunsOnASessionClusterFromTheJobJar(@TempDir Path state) throws Exception {
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
                "sluice.analytics.flink.job-jar", TickerCounts.jobJar().toString(),
                "sluice.analytics.flink.state-dir", state.resolve("flink-state").toUri().toString())))) {
            awaitCluster(restPort);
            TickerCounts.countEveryRecordOnce(URI.create("http://127.0.0.1:" + platform.gatewayPort()), "on-a-session-cluster", () -> { });
        } finally {
            cluster.destroyForcibly().waitFor();
        }
    }

    private static void awaitCluster(int restPort) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/overview")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }
}
