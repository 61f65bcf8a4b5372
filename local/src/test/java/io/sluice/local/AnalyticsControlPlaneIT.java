package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testsupport.AwsClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalytics.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalytics.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalytics.model.DiscoverInputSchemaResponse;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.UnableToDetectSchemaException;
import software.amazon.awssdk.services.kinesisanalytics.model.InputDescription;
import software.amazon.awssdk.services.kinesisanalytics.model.InvalidApplicationConfigurationException;
import software.amazon.awssdk.services.kinesisanalytics.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisanalytics.model.OutputDescription;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;
import software.amazon.awssdk.services.kinesisanalytics.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalytics.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalytics.model.Tag;
import software.amazon.awssdk.services.kinesisanalytics.model.TooManyTagsException;

/**
 * Kinesis Analytics' control plane through the gateway with the SDK's KinesisAnalyticsClient, over
 * streams made with its KinesisClient: an application keeps what it was given, numbers its parts
 * and versions as KDA does, refuses stale versions and streams that do not exist, and is deleted
 * by name and creation time.
 */
class AnalyticsControlPlaneIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";

    private static String stream(String name) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
    }

    private static ApplicationDetail describe(KinesisAnalyticsClient analytics, String name) {
        return analytics.describeApplication(b -> b.applicationName(name)).applicationDetail();
    }

    @Test
    void anApplicationKeepsItsPartsAndVersionsEveryChange() {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String name : new String[] {"kda-trades", "kda-counts"}) {
                kinesis.createStream(b -> b.streamName(name).shardCount(1));
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> kinesis.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
            }
            String arn = analytics.createApplication(b -> b.applicationName("ticker-counts").applicationDescription("per ticker")
                    .applicationCode("CREATE OR REPLACE STREAM \"DEST\" (TICKER VARCHAR(4), N INTEGER);")
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(stream("kda-trades")).roleARN(ROLE))
                            .inputParallelism(p -> p.count(2))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordEncoding("UTF-8")
                                    .recordColumns(c -> c.name("TICKER").mapping("$.ticker").sqlType("VARCHAR(4)"),
                                            c -> c.name("PRICE").mapping("$.price").sqlType("DOUBLE"))))
                    .outputs(o -> o.name("DEST").kinesisStreamsOutput(k -> k.resourceARN(stream("kda-counts")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON)))
                    .tags(Tag.builder().key("team").value("markets").build()))
                    .applicationSummary().applicationARN();
            assertThat(arn).isEqualTo("arn:aws:kinesisanalytics:us-east-1:000000000000:application/ticker-counts");

            ApplicationDetail detail = describe(analytics, "ticker-counts");
            assertThat(detail.applicationStatus()).isEqualTo(ApplicationStatus.READY);
            assertThat(detail.applicationVersionId()).isEqualTo(1L);
            assertThat(detail.lastUpdateTimestamp()).isEqualTo(detail.createTimestamp());
            InputDescription input = detail.inputDescriptions().get(0);
            assertThat(input.inputId()).isEqualTo("1.1");
            assertThat(input.inAppStreamNames()).containsExactly("SOURCE_SQL_STREAM_001", "SOURCE_SQL_STREAM_002");
            assertThat(input.kinesisStreamsInputDescription().resourceARN()).isEqualTo(stream("kda-trades"));
            assertThat(input.inputSchema().recordColumns()).extracting(c -> c.name() + " " + c.sqlType())
                    .containsExactly("TICKER VARCHAR(4)", "PRICE DOUBLE");
            assertThat(detail.outputDescriptions()).extracting(OutputDescription::outputId).containsExactly("1.1");

            analytics.addApplicationOutput(b -> b.applicationName("ticker-counts").currentApplicationVersionId(1L)
                    .output(o -> o.name("DEST2").kinesisStreamsOutput(k -> k.resourceARN(stream("kda-counts")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.CSV))));
            assertThat(describe(analytics, "ticker-counts").outputDescriptions()).extracting(OutputDescription::outputId)
                    .containsExactly("1.1", "2.1");
            assertThatThrownBy(() -> analytics.deleteApplicationOutput(b -> b.applicationName("ticker-counts")
                    .currentApplicationVersionId(1L).outputId("1.1"))).isInstanceOf(ConcurrentModificationException.class);
            analytics.updateApplication(b -> b.applicationName("ticker-counts").currentApplicationVersionId(2L)
                    .applicationUpdate(u -> u.applicationCodeUpdate("CREATE OR REPLACE STREAM \"DEST\" (TICKER VARCHAR(8));")));
            assertThat(describe(analytics, "ticker-counts").applicationVersionId()).isEqualTo(3L);
            assertThat(describe(analytics, "ticker-counts").applicationCode()).contains("VARCHAR(8)");

            analytics.tagResource(b -> b.resourceARN(arn).tags(Tag.builder().key("env").value("test").build()));
            assertThat(analytics.listTagsForResource(b -> b.resourceARN(arn)).tags()).extracting(Tag::key).containsExactly("env", "team");
            assertThatThrownBy(() -> analytics.tagResource(b -> b.resourceARN(arn).tags(java.util.stream.IntStream.range(0, 49)
                    .mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList()))).isInstanceOf(TooManyTagsException.class);

            assertThatThrownBy(() -> analytics.createApplication(b -> b.applicationName("ticker-counts")))
                    .isInstanceOf(ResourceInUseException.class);
            assertThatThrownBy(() -> analytics.addApplicationOutput(b -> b.applicationName("ticker-counts").currentApplicationVersionId(3L)
                    .output(o -> o.name("LOST").kinesisStreamsOutput(k -> k.resourceARN(stream("no-such-stream")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON)))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("does not exist");

            // Code that cannot run (here: no pump feeds an output) is refused at the start, naming its line.
            assertThatThrownBy(() -> analytics.startApplication(b -> b.applicationName("ticker-counts").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.NOW)))))
                    .isInstanceOf(InvalidApplicationConfigurationException.class).hasMessageContaining("Line 1");
            assertThat(describe(analytics, "ticker-counts").applicationStatus()).isEqualTo(ApplicationStatus.READY);

            Instant created = describe(analytics, "ticker-counts").createTimestamp();
            assertThatThrownBy(() -> analytics.deleteApplication(b -> b.applicationName("ticker-counts").createTimestamp(created.minusSeconds(60))))
                    .isInstanceOf(ConcurrentModificationException.class);
            analytics.deleteApplication(b -> b.applicationName("ticker-counts").createTimestamp(created));
            assertThatThrownBy(() -> describe(analytics, "ticker-counts")).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void discoveryInfersTheSchemaOfAStreamsJsonAndCsvRecords() {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), false);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String name : new String[] {"kda-discover-json", "kda-discover-csv", "kda-discover-empty"}) {
                kinesis.createStream(b -> b.streamName(name).shardCount(2));
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> kinesis.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
            }
            for (int i = 0; i < 20; i++) {
                String json = "{\"TICKER_SYMBOL\":\"T" + i + "\",\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":" + (i - 10) + ".5,\"PRICE\":" + (100 + i) + "}";
                kinesis.putRecord(b -> b.streamName("kda-discover-json").partitionKey(json).data(SdkBytes.fromUtf8String(json)));
                String csv = "T" + i + ",TECHNOLOGY," + (100 + i);
                kinesis.putRecord(b -> b.streamName("kda-discover-csv").partitionKey(csv).data(SdkBytes.fromUtf8String(csv)));
            }
            DiscoverInputSchemaResponse json = analytics.discoverInputSchema(b -> b.resourceARN(stream("kda-discover-json")).roleARN(ROLE)
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON)));
            assertThat(json.inputSchema().recordColumns()).extracting(c -> c.name() + " " + c.sqlType() + " " + c.mapping())
                    .containsExactly("TICKER_SYMBOL VARCHAR(4) $.TICKER_SYMBOL", "SECTOR VARCHAR(16) $.SECTOR", "CHANGE REAL $.CHANGE",
                            "PRICE TINYINT $.PRICE");
            assertThat(json.inputSchema().recordFormat().mappingParameters().jsonMappingParameters().recordRowPath()).isEqualTo("$");
            assertThat(json.rawInputRecords()).hasSize(20).allSatisfy(r -> assertThat(r).startsWith("{\"TICKER_SYMBOL\""));
            assertThat(json.parsedInputRecords()).hasSize(20).allSatisfy(r -> assertThat(r).hasSize(4));

            DiscoverInputSchemaResponse csv = analytics.discoverInputSchema(b -> b.resourceARN(stream("kda-discover-csv")).roleARN(ROLE)
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON)));
            assertThat(csv.inputSchema().recordFormat().recordFormatType()).isEqualTo(RecordFormatType.CSV);
            assertThat(csv.inputSchema().recordColumns()).extracting(c -> c.name() + " " + c.sqlType())
                    .containsExactly("COL_0 VARCHAR(4)", "COL_1 VARCHAR(16)", "COL_2 TINYINT");

            assertThatThrownBy(() -> analytics.discoverInputSchema(b -> b.resourceARN(stream("kda-discover-empty")).roleARN(ROLE)
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))))
                    .isInstanceOf(UnableToDetectSchemaException.class);
            assertThatThrownBy(() -> analytics.discoverInputSchema(b -> b.resourceARN(stream("kda-no-such-stream")).roleARN(ROLE)
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    /** Discovery on an S3 object's lines, and through a preprocessing Lambda (what it answers is what the schema is inferred from). */
    @Test
    void discoveryReadsS3ObjectsAndRunsThePreprocessingFunction() {
        Lambdas.register("kda-discover-csv-to-json", event -> {
            List<Map<String, String>> results = new ArrayList<>();
            for (JsonNode record : event.get("records")) {
                String[] fields = new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8).split(",");
                String json = "{\"ticker\":\"" + fields[0] + "\",\"price\":" + fields[1] + "}";
                results.add(Map.of("recordId", record.get("recordId").asText(), "result", "Ok",
                        "data", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
            }
            return Map.of("records", results);
        });
        try (KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket("kda-discover");
            lake.s3().putObject(b -> b.bucket("kda-discover").key("trades.csv"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("AMZN,12.5\nQXZ,7.25\n\nTBV,3.5\n"));
            DiscoverInputSchemaResponse csv = analytics.discoverInputSchema(b -> b.s3Configuration(s -> s.roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::kda-discover").fileKey("trades.csv")));
            assertThat(csv.rawInputRecords()).containsExactly("AMZN,12.5", "QXZ,7.25", "TBV,3.5");
            assertThat(csv.inputSchema().recordColumns()).extracting(c -> c.name() + " " + c.sqlType())
                    .containsExactly("COL_0 VARCHAR(4)", "COL_1 REAL");

            DiscoverInputSchemaResponse processed = analytics.discoverInputSchema(b -> b.s3Configuration(s -> s.roleARN(ROLE)
                            .bucketARN("arn:aws:s3:::kda-discover").fileKey("trades.csv"))
                    .inputProcessingConfiguration(p -> p.inputLambdaProcessor(l -> l.roleARN(ROLE)
                            .resourceARN("arn:aws:lambda:us-east-1:000000000000:function:kda-discover-csv-to-json"))));
            assertThat(processed.rawInputRecords()).containsExactly("AMZN,12.5", "QXZ,7.25", "TBV,3.5");
            assertThat(processed.processedInputRecords()).containsExactly("{\"ticker\":\"AMZN\",\"price\":12.5}",
                    "{\"ticker\":\"QXZ\",\"price\":7.25}", "{\"ticker\":\"TBV\",\"price\":3.5}");
            assertThat(processed.inputSchema().recordColumns()).extracting(c -> c.name() + " " + c.sqlType() + " " + c.mapping())
                    .containsExactly("ticker VARCHAR(4) $.ticker", "price REAL $.price");

            assertThatThrownBy(() -> analytics.discoverInputSchema(b -> b.s3Configuration(s -> s.roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::kda-discover").fileKey("missing.csv")))).isInstanceOf(InvalidArgumentException.class);
        }
    }
}
