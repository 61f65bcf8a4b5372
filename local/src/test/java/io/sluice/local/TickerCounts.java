package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;

/**
 * The scenario of an application on a Flink session cluster, whichever runs it (a cluster process
 * beside the test, or JobManager and TaskManager containers): a legacy SQL tumbling count per ticker
 * from one Kinesis stream into another, which must count every record once.
 */
public final class TickerCounts {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TickerCounts() {
    }

    /**
     * Runs the scenario through the gateway at {@code endpoint}, its streams and application named
     * from {@code prefix}; {@code whileRunning} checks more once every count has arrived, before the
     * application is deleted.
     */
    public static void countEveryRecordOnce(URI endpoint, String prefix, Runnable whileRunning) {
        String input = prefix + "-in";
        String output = prefix + "-out";
        try (KinesisClient kinesis = AwsClients.kinesis(endpoint, true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(endpoint)) {
            for (String stream : new String[] {input, output}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            Map<String, Integer> expected = new TreeMap<>();
            for (int i = 0; i < 60; i++) {
                String ticker = List.of("AMZN", "QXZ", "TBV").get(i % 3);
                expected.merge(ticker, 1, Integer::sum);
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                        .data(SdkBytes.fromUtf8String("{\"TICKER_SYMBOL\":\"" + ticker + "\"}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName(input).records(entries)).failedRecordCount()).isZero();
            analytics.createApplication(b -> b.applicationName(prefix).applicationCode("""
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
                            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM ticker_symbol, COUNT(*) FROM "SOURCE_SQL_STREAM_001"
                              GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '2' SECOND);
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM")
                            .kinesisStreamsInput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/" + input).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM")
                            .kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/" + output).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName(prefix).inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Integer> counts = new TreeMap<>();
                for (String row : KinesisStreams.shardRecords(kinesis, output, "shardId-000000000000")) {
                    JsonNode node = JSON.readTree(row);
                    counts.merge(node.get("TICKER_SYMBOL").asText(), node.get("TICKER_COUNT").asInt(), Integer::sum);
                }
                assertThat(counts).isEqualTo(expected);
            });
            whileRunning.run();
            AnalyticsFirehoseIT.delete(analytics, prefix);
        }
    }

    /** The flink-job jar Maven built beside analytics-service's (the reactor builds that module before this one). */
    public static Path jobJar() throws Exception {
        Path target = Path.of("").toAbsolutePath().getParent().resolve("analytics-service/target");
        try (var jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-flink-job.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No flink-job jar in " + target + ": build analytics-service first"));
        }
    }
}
