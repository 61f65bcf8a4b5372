package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;

/**
 * Joins as KDA ran them. Reference data: a CSV object in S3 (the embedded S3 server) added with
 * AddApplicationReferenceDataSource is an in-application table, and a legacy pump's LEFT JOIN gives
 * each trade its company's name — none for a ticker the table does not have. Streams: each
 * shipment meets the orders of the minute before it.
 */
class AnalyticsJoinsIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOIN = """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), company VARCHAR(32), price DOUBLE);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
              SELECT STREAM ticker_symbol, "c"."COMPANY", price
              FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "COMPANIES" AS "c"
                ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."TICKER";
            """;

    @Test
    void aLeftJoinWithAnS3ReferenceTableGivesEachRowItsMatch() {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint());
                Lake lake = new Lake()) {
            lake.createBucket("kda-reference");
            lake.s3().putObject(b -> b.bucket("kda-reference").key("ref/companies.csv"),
                    RequestBody.fromString("AMZN,Amazon\nQXZ,Qxz Corp\nNFLX,Netflix\n"));
            for (String stream : new String[] {"ref-trades", "ref-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (String ticker : List.of("AMZN", "QXZ", "TBV", "AMZN")) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(ticker)
                        .data(SdkBytes.fromUtf8String("{\"TICKER_SYMBOL\":\"" + ticker + "\",\"PRICE\":12.5}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("ref-trades").records(entries)).failedRecordCount()).isZero();

            // The code names the table before its reference data source is added, as KDA let it.
            analytics.createApplication(b -> b.applicationName("legacy-reference").applicationCode(JOIN)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM")
                            .kinesisStreamsInput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/ref-trades").roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"),
                                            c -> c.name("PRICE").mapping("$.PRICE").sqlType("DOUBLE"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM")
                            .kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/ref-out").roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.addApplicationReferenceDataSource(b -> b.applicationName("legacy-reference").currentApplicationVersionId(1L)
                    .referenceDataSource(r -> r.tableName("COMPANIES")
                            .s3ReferenceDataSource(s -> s.bucketARN("arn:aws:s3:::kda-reference").fileKey("ref/companies.csv").referenceRoleARN(ROLE))
                            .referenceSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.CSV)
                                            .mappingParameters(m -> m.csvMappingParameters(c -> c.recordRowDelimiter("\n").recordColumnDelimiter(","))))
                                    .recordColumns(c -> c.name("TICKER").sqlType("VARCHAR(4)"), c -> c.name("COMPANY").sqlType("VARCHAR(32)")))));
            analytics.startApplication(b -> b.applicationName("legacy-reference").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));

            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                List<String> rows = KinesisStreams.shardRecords(kinesis, "ref-out", "shardId-000000000000");
                assertThat(rows).hasSize(4);
                Map<String, String> companies = new HashMap<>();
                for (String row : rows) {
                    JsonNode node = JSON.readTree(row);
                    companies.put(node.get("TICKER_SYMBOL").asText(), node.get("COMPANY").isNull() ? null : node.get("COMPANY").asText());
                    assertThat(node.get("PRICE").asDouble()).isEqualTo(12.5);
                }
                Map<String, String> expected = new HashMap<>();
                expected.put("AMZN", "Amazon");
                expected.put("QXZ", "Qxz Corp");
                expected.put("TBV", null);
                assertThat(companies).isEqualTo(expected);
            });
            AnalyticsFirehoseIT.delete(analytics, "legacy-reference");
        }
    }

    @Test
    void eachShipmentMeetsTheOrdersOfTheWindowBeforeIt() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"join-events", "join-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int order = 1; order <= 5; order++) {
                entries.add(event("order", order));
            }
            for (int shipped : new int[] {2, 4, 9}) {
                entries.add(event("shipment", shipped));
            }
            assertThat(kinesis.putRecords(b -> b.streamName("join-events").records(entries)).failedRecordCount()).isZero();
            analytics.createApplication(b -> b.applicationName("legacy-stream-join").applicationCode("""
                            CREATE OR REPLACE STREAM "ORDERS" (order_id INTEGER);
                            CREATE OR REPLACE PUMP "ORDER_PUMP" AS INSERT INTO "ORDERS"
                              SELECT STREAM order_id FROM "SOURCE_SQL_STREAM_001" WHERE kind = 'order';
                            CREATE OR REPLACE STREAM "SHIPMENTS" (order_id INTEGER);
                            CREATE OR REPLACE PUMP "SHIPMENT_PUMP" AS INSERT INTO "SHIPMENTS"
                              SELECT STREAM order_id FROM "SOURCE_SQL_STREAM_001" WHERE kind = 'shipment';
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (order_id INTEGER, ordered TIMESTAMP, shipped TIMESTAMP);
                            CREATE OR REPLACE PUMP "JOIN_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM s.order_id, o.ROWTIME, ROWTIME
                              FROM "ORDERS" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o
                              JOIN "SHIPMENTS" AS s ON o.order_id = s.order_id;
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM")
                            .kinesisStreamsInput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/join-events").roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("KIND").mapping("$.KIND").sqlType("VARCHAR(8)"),
                                            c -> c.name("ORDER_ID").mapping("$.ORDER_ID").sqlType("INTEGER"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM")
                            .kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/join-out").roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("legacy-stream-join").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                List<JsonNode> rows = new ArrayList<>();
                for (String row : KinesisStreams.shardRecords(kinesis, "join-out", "shardId-000000000000")) {
                    rows.add(JSON.readTree(row));
                }
                assertThat(rows).extracting(row -> row.get("ORDER_ID").asInt()).containsExactlyInAnyOrder(2, 4);
                // The result's ROWTIME is the shipment's, never before the order's.
                assertThat(rows).allSatisfy(row -> assertThat(row.get("SHIPPED").asText()).isGreaterThanOrEqualTo(row.get("ORDERED").asText()));
            });
            AnalyticsFirehoseIT.delete(analytics, "legacy-stream-join");
        }
    }

    private static PutRecordsRequestEntry event(String kind, int order) {
        return PutRecordsRequestEntry.builder().partitionKey("p")
                .data(SdkBytes.fromUtf8String("{\"KIND\":\"" + kind + "\",\"ORDER_ID\":" + order + "}")).build();
    }
}
