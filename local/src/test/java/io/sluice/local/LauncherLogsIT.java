package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * {@code ./sluice-local --log-format json --auth strict --credentials FILE}: every line the launcher
 * prints until it is ready, and after, is one JSON object; a request's lines in the gateway and in
 * the service carry the id the client got in {@code x-amzn-RequestId}; the file's key gets through
 * and any other key is refused.
 */
class LauncherLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonLogsCarryTheRequestIdFromTheGatewayThroughTheService(@TempDir Path dataDir) throws Exception {
        Path credentials = dataDir.resolve("credentials.json");
        Files.writeString(credentials, """
                {"credentials": [{"accessKeyId": "AKIDLAUNCHERSTRICT1", "secretAccessKey": "launcher-secret", "accountId": "000000000000"}]}
                """);
        Launcher launcher = Launcher.start(dataDir, "--log-format", "json", "--logging.level.io.sluice.gateway.access=DEBUG",
                "--logging.level.io.sluice.endpoint=DEBUG", "--auth", "strict", "--credentials", credentials.toString());
        try (KinesisClient kinesis = AwsClients.kinesis(launcher.endpoint(), true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLAUNCHERSTRICT1", "launcher-secret")), b -> { });
                KinesisClient stranger = AwsClients.kinesis(launcher.endpoint(), true)) {
            assertThatThrownBy(stranger::listStreams).isInstanceOfSatisfying(KinesisException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            String requestId = null;
            try {
                kinesis.describeStreamSummary(b -> b.streamName("nowhere"));
            } catch (ResourceNotFoundException e) {
                requestId = e.requestId();
            }
            assertThat(requestId).isNotBlank();
            String id = requestId;
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                List<JsonNode> lines = events(launcher);
                assertThat(lines).filteredOn(line -> id.equals(line.path("requestId").asText()))
                        .extracting(line -> line.path("log").path("logger").asText())
                        .contains("io.sluice.gateway.access", "io.sluice.endpoint.AwsEndpointController");
            });
            assertThatThrownBy(() -> kinesis.describeStreamSummary(b -> b.streamName("nowhere"))).isInstanceOf(ResourceNotFoundException.class);
        } finally {
            launcher.stop(Duration.ofSeconds(25)); // the README's bound for a stop
        }
        // Every line, from the engines' start to the stop, is an event; the ready banner is the launcher's own output.
        // (ANTLR's runtime prints its version warning to stderr itself: the test class path has DynamoDB Local's older runtime.)
        List<String> notJson = new ArrayList<>();
        for (String line : launcher.output()) {
            if (line.startsWith("{")) {
                JSON.readTree(line);
            } else if (!line.isBlank() && !line.startsWith("  ") && !line.startsWith("Sluice is ready") && !line.startsWith("Press Ctrl-C")
                    && !line.startsWith("Stopping Sluice") && !line.startsWith("ANTLR ")) {
                notJson.add(line);
            }
        }
        assertThat(notJson).isEmpty();
        assertThat(events(launcher)).hasSizeGreaterThan(3).allSatisfy(event -> {
            assertThat(event.path("@timestamp").asText()).isNotEmpty();
            assertThat(event.path("log").path("level").asText()).isNotEmpty();
        });
    }

    private static List<JsonNode> events(Launcher launcher) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : launcher.output()) {
            if (line.startsWith("{")) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }
}
