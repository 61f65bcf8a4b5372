package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;

/**
 * An input's preprocessing Lambda (AddApplicationInputProcessingConfiguration) with KDA's contract:
 * the function gets the records in batches with their Kinesis metadata and the application's ARN;
 * what it answers Ok is what the application reads, what it drops is gone.
 */
class AnalyticsPreprocessingIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theApplicationReadsWhatItsPreprocessingFunctionAnswers() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        Lambdas.register("kda-preprocess", event -> {
            events.add(event);
            List<Map<String, String>> results = new ArrayList<>();
            for (JsonNode record : event.get("records")) {
                String text = new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8);
                boolean drop = text.contains("drop");
                results.add(Map.of("recordId", record.get("recordId").asText(), "result", drop ? "Dropped" : "Ok",
                        "data", Base64.getEncoder().encodeToString(text.toUpperCase().getBytes(StandardCharsets.UTF_8))));
            }
            return Map.of("records", results);
        });
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"pre-in", "pre-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (String ticker : List.of("amzn", "qxz", "drop", "tbv")) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + ticker)
                        .data(SdkBytes.fromUtf8String("{\"ticker_symbol\":\"" + ticker + "\"}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("pre-in").records(entries)).failedRecordCount()).isZero();
            analytics.createApplication(b -> b.applicationName("preprocessed").applicationCode("""
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4));
                            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001";
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM")
                            .kinesisStreamsInput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/pre-in").roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM")
                            .kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/pre-out").roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.addApplicationInputProcessingConfiguration(b -> b.applicationName("preprocessed").currentApplicationVersionId(1L)
                    .inputId("1.1").inputProcessingConfiguration(p -> p.inputLambdaProcessor(l -> l
                            .resourceARN("arn:aws:lambda:us-east-1:000000000000:function:kda-preprocess").roleARN(ROLE))));
            analytics.startApplication(b -> b.applicationName("preprocessed").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                List<String> tickers = new ArrayList<>();
                for (String row : KinesisStreams.shardRecords(kinesis, "pre-out", "shardId-000000000000")) {
                    tickers.add(JSON.readTree(row).get("TICKER_SYMBOL").asText());
                }
                assertThat(tickers).containsExactly("AMZN", "QXZ", "TBV");
            });
            JsonNode event = events.get(0);
            assertThat(event.get("applicationArn").asText()).isEqualTo("arn:aws:kinesisanalytics:us-east-1:000000000000:application/preprocessed");
            assertThat(event.get("streamArn").asText()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/pre-in");
            JsonNode metadata = event.get("records").get(0).get("kinesisStreamRecordMetadata");
            assertThat(metadata.get("shardId").asText()).isEqualTo("shardId-000000000000");
            assertThat(metadata.get("partitionKey").asText()).isEqualTo("key-amzn");
            assertThat(metadata.get("sequenceNumber").asText()).isEqualTo(event.get("records").get(0).get("recordId").asText());
            AnalyticsFirehoseIT.delete(analytics, "preprocessed");
        }
    }
}
