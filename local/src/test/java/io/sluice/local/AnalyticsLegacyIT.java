package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.services.kinesisanalytics.model.CodeValidationException;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;

/**
 * Applications in KDA's own SQL dialect, unchanged, on the platform's Flink: the developer guide's
 * 10-second tumbling count per ticker written with a pump and STEP, and the same with the FLOOR
 * idiom; each output stream receives counts that add up to exactly the records put. A sliding
 * count over a minute gives a row for each record. Code that does
 * not translate is refused at CreateApplication with CodeValidationException.
 */
class AnalyticsLegacyIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEP = """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
              SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
              FROM "SOURCE_SQL_STREAM_001"
              GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND);
            """;
    private static final String FLOOR = """
            -- Technology tickers first, through a stream of their own, then counted per 10 seconds.
            CREATE OR REPLACE STREAM "TECH_STREAM" (ticker_symbol VARCHAR(4), price DOUBLE);
            CREATE OR REPLACE PUMP "TECH_PUMP" AS INSERT INTO "TECH_STREAM"
              SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'TECHNOLOGY';
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
            CREATE OR REPLACE PUMP "COUNT_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
              SELECT STREAM ticker_symbol, COUNT(*)
              FROM "TECH_STREAM"
              GROUP BY ticker_symbol, FLOOR(("TECH_STREAM".ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND);
            """;

    private static final String SLIDING = """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
            CREATE OR REPLACE PUMP "SLIDING_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
              SELECT STREAM ticker_symbol, COUNT(*) OVER W1
              FROM "SOURCE_SQL_STREAM_001"
              WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING);
            """;

    private static final String STAGGER = """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
            CREATE OR REPLACE PUMP "STAGGER_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
              SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
              FROM "SOURCE_SQL_STREAM_001"
              WINDOWED BY STAGGER (PARTITION BY ticker_symbol RANGE INTERVAL '3' SECOND);
            """;

    private static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    }

    private static void create(KinesisAnalyticsClient analytics, String name, String code, String output) {
        analytics.createApplication(b -> b.applicationName(name).applicationCode(code)
                .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("legacy-trades")).roleARN(ROLE))
                        .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                        .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"),
                                        c -> c.name("SECTOR").mapping("$.SECTOR").sqlType("VARCHAR(16)"),
                                        c -> c.name("PRICE").mapping("$.PRICE").sqlType("REAL"))))
                .outputs(o -> o.name("DESTINATION_SQL_STREAM").kinesisStreamsOutput(k -> k.resourceARN(arn(output)).roleARN(ROLE))
                        .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
    }

    /**
     * A stagger window opens with a key's first row and closes a fixed time later: a burst of
     * records is one window per ticker, however the burst falls on the clock, and records put once
     * it has closed open the next.
     */
    @Test
    void staggerWindowsOpenWithEachKeysFirstRowAndCloseAFixedTimeLater() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"stagger-trades", "stagger-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            putTrades(kinesis, "stagger-trades", 60);
            analytics.createApplication(b -> b.applicationName("legacy-stagger").applicationCode(STAGGER)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("stagger-trades")).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM").kinesisStreamsOutput(k -> k.resourceARN(arn("stagger-out")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("legacy-stagger").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(windows(kinesis, "stagger-out")).isEqualTo(Map.of("AMZN", List.of(20), "QXZ", List.of(20), "TBV", List.of(20))));
            putTrades(kinesis, "stagger-trades", 30);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(windows(kinesis, "stagger-out"))
                            .isEqualTo(Map.of("AMZN", List.of(20, 10), "QXZ", List.of(20, 10), "TBV", List.of(20, 10))));
            Instant created = analytics.describeApplication(b -> b.applicationName("legacy-stagger")).applicationDetail().createTimestamp();
            analytics.deleteApplication(b -> b.applicationName("legacy-stagger").createTimestamp(created));
        }
    }

    /**
     * KDA's anomaly detection: a random cut forest scores an obvious outlier above every other row
     * once it has learnt, and explains the score by the column that was out of the ordinary.
     */
    @Test
    void randomCutForestScoresAnObviousOutlierAboveTheRest() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"rcf-in", "rcf-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            java.util.Random random = new java.util.Random(7);
            for (int batch = 0; batch < 2; batch++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    int n = batch * 250 + i;
                    double rate = n == 420 ? 190 : 60 + random.nextGaussian() * 3;
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("p").data(SdkBytes.fromUtf8String(
                            "{\"N\":" + n + ",\"HEART_RATE\":" + rate + "}")).build());
                }
                assertThat(kinesis.putRecords(b -> b.streamName("rcf-in").records(entries)).failedRecordCount()).isZero();
            }
            analytics.createApplication(b -> b.applicationName("legacy-rcf").applicationCode("""
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (n INTEGER, heart_rate DOUBLE, anomaly_score DOUBLE,
                              anomaly_explanation VARCHAR(512));
                            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM N, HEART_RATE, ANOMALY_SCORE, ANOMALY_EXPLANATION
                              FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
                                100, 256, 100000, 1, TRUE));
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("rcf-in")).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("N").mapping("$.N").sqlType("INTEGER"),
                                            c -> c.name("HEART_RATE").mapping("$.HEART_RATE").sqlType("DOUBLE"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM").kinesisStreamsOutput(k -> k.resourceARN(arn("rcf-out")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("legacy-rcf").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Map<Integer, Double> scores = new TreeMap<>();
            Map<Integer, JsonNode> explanations = new TreeMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                scores.clear();
                for (JsonNode row : rows(kinesis, "rcf-out")) {
                    scores.put(row.get("N").asInt(), row.get("ANOMALY_SCORE").asDouble());
                    explanations.put(row.get("N").asInt(), JSON.readTree(row.get("ANOMALY_EXPLANATION").asText()));
                }
                assertThat(scores).hasSize(500);
            });
            // The explanation: the heart rate was high, and it is most of the score (the attributions add up to it).
            JsonNode why = explanations.get(420);
            assertThat(why.get("HEART_RATE").get("DIRECTION").asText()).isEqualTo("HIGH");
            double heart = why.get("HEART_RATE").get("ATTRIBUTION_SCORE").asDouble();
            double counter = why.get("N").get("ATTRIBUTION_SCORE").asDouble();
            assertThat(heart).isGreaterThan(counter);
            assertThat(heart + counter).isCloseTo(scores.get(420), org.assertj.core.data.Offset.offset(0.01 + scores.get(420) * 0.01));
            assertThat(explanations.get(10).get("HEART_RATE").get("ATTRIBUTION_SCORE").asText()).isEqualTo("0.0000");
            // Nothing is scored while the forest learns its first 256 rows (KDA's default subSampleSize).
            assertThat(scores.entrySet()).filteredOn(e -> e.getKey() < 256).allSatisfy(e -> assertThat(e.getValue()).isZero());
            double outlier = scores.get(420);
            double others = scores.entrySet().stream().filter(e -> e.getKey() != 420).mapToDouble(Map.Entry::getValue).max().orElseThrow();
            assertThat(outlier).isGreaterThan(others * 1.5);
            Instant created = analytics.describeApplication(b -> b.applicationName("legacy-rcf")).applicationDetail().createTimestamp();
            analytics.deleteApplication(b -> b.applicationName("legacy-rcf").createTimestamp(created));
        }
    }

    /** A record that does not fit the input schema is no row of the application, but a row of error_stream, KDA's columns and all. */
    @Test
    void recordsThatDoNotFitTheSchemaGoToTheErrorStream() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"err-in", "err-out", "err-errors"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            String bad = "{\"TICKER_SYMBOL\":\"QXZ\",\"PRICE\":\"not a number\"}";
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (String data : List.of("{\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":10.5}", bad, "{\"TICKER_SYMBOL\":\"TBV\",\"PRICE\":3}")) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("p").data(SdkBytes.fromUtf8String(data)).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("err-in").records(entries)).failedRecordCount()).isZero();
            analytics.createApplication(b -> b.applicationName("legacy-errors").applicationCode("""
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price DOUBLE, previous DOUBLE);
                            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM ticker_symbol, price, LAG(price, 1) OVER (ROWS 1 PRECEDING) FROM "SOURCE_SQL_STREAM_001";
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("err-in")).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"),
                                            c -> c.name("PRICE").mapping("$.PRICE").sqlType("DOUBLE"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM").kinesisStreamsOutput(k -> k.resourceARN(arn("err-out")).roleARN(ROLE))
                                    .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON)),
                            o -> o.name("error_stream").kinesisStreamsOutput(k -> k.resourceARN(arn("err-errors")).roleARN(ROLE))
                                    .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("legacy-errors").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                assertThat(rows(kinesis, "err-out")).extracting(row -> row.get("TICKER_SYMBOL").asText()).containsExactly("AMZN", "TBV");
                // LAG over the rows that were read: the record that did not fit is none of them.
                assertThat(rows(kinesis, "err-out")).extracting(row -> row.get("PREVIOUS").isNull() ? null : row.get("PREVIOUS").asDouble())
                        .containsExactly(null, 10.5);
                List<JsonNode> errors = rows(kinesis, "err-errors");
                assertThat(errors).hasSize(1);
                JsonNode error = errors.get(0);
                assertThat(new String(java.util.HexFormat.of().parseHex(error.get("DATA_ROW").asText()), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(bad);
                assertThat(error.get("ERROR_LEVEL").asText()).isEqualTo("Error");
                assertThat(error.get("MESSAGE").asText()).isNotBlank();
                assertThat(error.get("ERROR_TIME").asText()).isNotBlank();
                assertThat(error.get("DATA_ROWTIME").asText()).isNotBlank();
            });
            Instant created = analytics.describeApplication(b -> b.applicationName("legacy-errors")).applicationDetail().createTimestamp();
            analytics.deleteApplication(b -> b.applicationName("legacy-errors").createTimestamp(created));
        }
    }

    /** KDA's approximate tumbling aggregates, on DataSketches: the most frequent tickers with their counts, and the distinct sectors. */
    @Test
    void topKItemsAndDistinctCountsPerTumblingWindow() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"topk-in", "topk-out", "distinct-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            // 50 AMZN, 30 QXZ and 10 TBV spread evenly, one NFLX in the middle; seven sectors in turn.
            List<String> tickers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tickers.addAll(List.of("AMZN", "AMZN", "AMZN", "AMZN", "AMZN", "QXZ", "QXZ", "QXZ", "TBV"));
                if (i == 5) {
                    tickers.add("NFLX");
                }
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < tickers.size(); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("p").data(SdkBytes.fromUtf8String(
                        "{\"TICKER_SYMBOL\":\"" + tickers.get(i) + "\",\"SECTOR\":\"S" + (i % 7) + "\"}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("topk-in").records(entries)).failedRecordCount()).isZero();
            String topK = """
                    CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (item VARCHAR(1024), item_count DOUBLE);
                    CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                      SELECT STREAM ITEM, ITEM_COUNT FROM TABLE(TOP_K_ITEMS_TUMBLING(
                        CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'TICKER_SYMBOL', 3, 5));
                    """;
            String distinct = """
                    CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (sectors BIGINT);
                    CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                      SELECT STREAM NUMBER_OF_DISTINCT_ITEMS FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(
                        CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'SECTOR', 5));
                    """;
            for (String[] app : new String[][] {{"legacy-topk", topK, "topk-out"}, {"legacy-distinct", distinct, "distinct-out"}}) {
                analytics.createApplication(b -> b.applicationName(app[0]).applicationCode(app[1])
                        .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("topk-in")).roleARN(ROLE))
                                .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                                .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                        .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"),
                                                c -> c.name("SECTOR").mapping("$.SECTOR").sqlType("VARCHAR(4)"))))
                        .outputs(o -> o.name("DESTINATION_SQL_STREAM").kinesisStreamsOutput(k -> k.resourceARN(arn(app[2])).roleARN(ROLE))
                                .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
                analytics.startApplication(b -> b.applicationName(app[0]).inputConfigurations(c -> c.id("1.1")
                        .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            }
            // A window closes at the end of its 5 seconds: the records may fall in two windows, whose counts add up.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Double> counts = new TreeMap<>();
                rows(kinesis, "topk-out").forEach(row -> counts.merge(row.get("ITEM").asText(), row.get("ITEM_COUNT").asDouble(), Double::sum));
                assertThat(counts).isEqualTo(Map.of("AMZN", 50.0, "QXZ", 30.0, "TBV", 10.0));
                List<Integer> sectors = rows(kinesis, "distinct-out").stream().map(row -> row.get("SECTORS").asInt()).toList();
                assertThat(sectors).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, 7));
                if (sectors.size() == 1) {
                    assertThat(sectors).containsExactly(7);
                }
            });
            for (String app : new String[] {"legacy-topk", "legacy-distinct"}) {
                Instant created = analytics.describeApplication(b -> b.applicationName(app)).applicationDetail().createTimestamp();
                analytics.deleteApplication(b -> b.applicationName(app).createTimestamp(created));
            }
        }
    }

    /** KDA's functions under their names, and a log parser's row read through a SELECT in the FROM clause, as KDA's examples do. */
    @Test
    void kdaFunctionsParseLogsAndConvertTimes() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"logs-in", "logs-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            String line = "192.168.254.30 - John [24/May/2004:22:01:02 -0700] \\\"GET /icons/apache_pb.gif HTTP/1.1\\\" 304 0";
            kinesis.putRecord(b -> b.streamName("logs-in").partitionKey("p")
                    .data(SdkBytes.fromUtf8String("{\"LINE\":\"" + line + "\",\"LOGGED\":\"2009-09-16 03:15:24\"}")));
            analytics.createApplication(b -> b.applicationName("legacy-functions").applicationCode("""
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (host VARCHAR(16), status VARCHAR(4), request VARCHAR(64),
                              at_time TIMESTAMP, at_day VARCHAR(10), at_millis BIGINT, age_ms BIGINT);
                            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM l.r.COLUMN1, l.r.COLUMN6, REGEX_REPLACE(l.r.COLUMN5, 'GET', 'FETCH', 1, 0),
                                CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', l.at_text),
                                TIMESTAMP_TO_CHAR('dd/MM/yyyy', CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', l.at_text)),
                                UNIX_TIMESTAMP(CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', l.at_text)),
                                TSDIFF(UNIX_TIMESTAMP(CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', l.at_text)), UNIX_TIMESTAMP(l.ROWTIME))
                              FROM (SELECT STREAM W3C_LOG_PARSE(line, 'COMMON'), logged FROM "SOURCE_SQL_STREAM_001") AS l(r, at_text);
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("logs-in")).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("LINE").mapping("$.LINE").sqlType("VARCHAR(256)"),
                                            c -> c.name("LOGGED").mapping("$.LOGGED").sqlType("VARCHAR(32)"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM").kinesisStreamsOutput(k -> k.resourceARN(arn("logs-out")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("legacy-functions").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                List<JsonNode> rows = rows(kinesis, "logs-out");
                assertThat(rows).hasSize(1);
                JsonNode row = rows.get(0);
                assertThat(row.get("HOST").asText()).isEqualTo("192.168.254.30");
                assertThat(row.get("STATUS").asText()).isEqualTo("304");
                assertThat(row.get("REQUEST").asText()).isEqualTo("FETCH /icons/apache_pb.gif HTTP/1.1");
                assertThat(row.get("AT_TIME").asText()).isEqualTo("2009-09-16 03:15:24.000");
                assertThat(row.get("AT_DAY").asText()).isEqualTo("16/09/2009");
                assertThat(row.get("AT_MILLIS").asLong()).isEqualTo(1_253_070_924_000L);
                // TSDIFF(start, end) is end - start: from the logged time to the row's ROWTIME, which was minutes ago at most.
                assertThat(row.get("AGE_MS").asLong()).isCloseTo(System.currentTimeMillis() - 1_253_070_924_000L, org.assertj.core.data.Offset.offset(300_000L));
            });
            Instant created = analytics.describeApplication(b -> b.applicationName("legacy-functions")).applicationDetail().createTimestamp();
            analytics.deleteApplication(b -> b.applicationName("legacy-functions").createTimestamp(created));
        }
    }

    /**
     * {@code event_time AS ROWTIME}: the rows' time is their event time from then on, so a chained
     * stream's minute windows count by event time and close when a later event comes.
     */
    @Test
    void anEventTimeAsRowtimeWindowsByEventTime() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"event-time-in", "event-time-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (String at : List.of("10:00:05", "10:00:20", "10:00:59", "10:01:10", "10:01:30", "10:02:01")) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("p")
                        .data(SdkBytes.fromUtf8String("{\"EVENT_TIME\":\"2024-03-01 " + at + "\"}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("event-time-in").records(entries)).failedRecordCount()).isZero();
            analytics.createApplication(b -> b.applicationName("legacy-event-time").applicationCode("""
                            CREATE OR REPLACE STREAM "BY_EVENT_TIME" (event_time TIMESTAMP);
                            CREATE OR REPLACE PUMP "TIME_PUMP" AS INSERT INTO "BY_EVENT_TIME"
                              SELECT STREAM event_time, event_time AS ROWTIME FROM "SOURCE_SQL_STREAM_001";
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (minute_start TIMESTAMP, events INTEGER);
                            CREATE OR REPLACE PUMP "COUNT_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM STEP("BY_EVENT_TIME".ROWTIME BY INTERVAL '1' MINUTE), COUNT(*)
                              FROM "BY_EVENT_TIME" GROUP BY STEP("BY_EVENT_TIME".ROWTIME BY INTERVAL '1' MINUTE);
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("event-time-in")).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("EVENT_TIME").mapping("$.EVENT_TIME").sqlType("TIMESTAMP"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM").kinesisStreamsOutput(k -> k.resourceARN(arn("event-time-out")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("legacy-event-time").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                Map<String, Integer> minutes = new TreeMap<>();
                rows(kinesis, "event-time-out").forEach(row -> minutes.put(row.get("MINUTE_START").asText(), row.get("EVENTS").asInt()));
                assertThat(minutes).isEqualTo(Map.of("2024-03-01 10:00:00.000", 3, "2024-03-01 10:01:00.000", 2));
            });
            Instant created = analytics.describeApplication(b -> b.applicationName("legacy-event-time")).applicationDetail().createTimestamp();
            analytics.deleteApplication(b -> b.applicationName("legacy-event-time").createTimestamp(created));
        }
    }

    /** HOTSPOTS finds the dense group among scattered points, with its bounds and density. */
    @Test
    void hotspotsFindsTheDenseGroupAmongScatteredPoints() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"hotspots-in", "hotspots-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            java.util.Random random = new java.util.Random(3);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                double x = i < 20 ? 10 * (i % 5) + 20 : 1 + random.nextDouble() * 0.2;
                double y = i < 20 ? 10 * (i / 5) + 20 : 1 + random.nextDouble() * 0.2;
                entries.add(PutRecordsRequestEntry.builder().partitionKey("p")
                        .data(SdkBytes.fromUtf8String("{\"X\":" + x + ",\"Y\":" + y + "}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("hotspots-in").records(entries)).failedRecordCount()).isZero();
            analytics.createApplication(b -> b.applicationName("legacy-hotspots").applicationCode("""
                            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (x DOUBLE, y DOUBLE, hotspots_result VARCHAR(10000));
                            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                              SELECT STREAM x, y, HOTSPOTS_RESULT
                              FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM x, y FROM "SOURCE_SQL_STREAM_001"), 100, 0.5, 5));
                            """)
                    .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM").kinesisStreamsInput(k -> k.resourceARN(arn("hotspots-in")).roleARN(ROLE))
                            .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                    .recordColumns(c -> c.name("X").mapping("$.X").sqlType("DOUBLE"), c -> c.name("Y").mapping("$.Y").sqlType("DOUBLE"))))
                    .outputs(o -> o.name("DESTINATION_SQL_STREAM").kinesisStreamsOutput(k -> k.resourceARN(arn("hotspots-out")).roleARN(ROLE))
                            .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
            analytics.startApplication(b -> b.applicationName("legacy-hotspots").inputConfigurations(c -> c.id("1.1")
                    .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                List<JsonNode> rows = rows(kinesis, "hotspots-out");
                assertThat(rows).hasSize(40);
                // The scattered points (10 apart) make no hotspot; once the dense group is in the window, it is the one hotspot.
                assertThat(JSON.readTree(rows.get(19).get("HOTSPOTS_RESULT").asText()).get("hotspots")).isEmpty();
                JsonNode hotspots = JSON.readTree(rows.get(39).get("HOTSPOTS_RESULT").asText()).get("hotspots");
                assertThat(hotspots).hasSize(1);
                JsonNode hotspot = hotspots.get(0);
                assertThat(hotspot.get("minValues").get(0).asDouble()).isBetween(1.0, 1.2);
                assertThat(hotspot.get("maxValues").get(1).asDouble()).isBetween(1.0, 1.2);
                assertThat(hotspot.get("density").asDouble()).isGreaterThan(20 / (0.5 * 0.5) - 0.001);
            });
            Instant created = analytics.describeApplication(b -> b.applicationName("legacy-hotspots")).applicationDetail().createTimestamp();
            analytics.deleteApplication(b -> b.applicationName("legacy-hotspots").createTimestamp(created));
        }
    }

    private static void putTrades(KinesisClient kinesis, String stream, int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                    .data(SdkBytes.fromUtf8String("{\"TICKER_SYMBOL\":\"" + List.of("AMZN", "QXZ", "TBV").get(i % 3) + "\"}")).build());
        }
        assertThat(kinesis.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount()).isZero();
    }

    /** Each ticker's window counts, in the order the windows closed. */
    private static Map<String, List<Integer>> windows(KinesisClient kinesis, String stream) throws Exception {
        Map<String, List<Integer>> windows = new TreeMap<>();
        for (JsonNode row : rows(kinesis, stream)) {
            windows.computeIfAbsent(row.get("TICKER_SYMBOL").asText(), t -> new ArrayList<>()).add(row.get("TICKER_COUNT").asInt());
        }
        return windows;
    }

    private static Map<String, Integer> counts(KinesisClient kinesis, String stream) throws Exception {
        Map<String, Integer> sums = new TreeMap<>();
        rows(kinesis, stream).forEach(row -> sums.merge(row.get("TICKER_SYMBOL").asText(), row.get("TICKER_COUNT").asInt(), Integer::sum));
        return sums;
    }

    private static List<JsonNode> rows(KinesisClient kinesis, String stream) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String record : KinesisStreams.shardRecords(kinesis, stream, "shardId-000000000000")) {
            rows.add(JSON.readTree(record));
        }
        return rows;
    }

    @Test
    void kdaTumblingCountsRunUnchangedAndCountEveryRecordOnce() throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(Platform.endpoint(), true);
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            for (String stream : new String[] {"legacy-trades", "legacy-step-out", "legacy-floor-out", "legacy-sliding-out"}) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(stream.equals("legacy-trades") ? 2 : 1));
                KinesisStreams.awaitActive(kinesis, stream);
            }
            Map<String, Integer> all = new TreeMap<>();
            Map<String, Integer> tech = new TreeMap<>();
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                String ticker = List.of("AMZN", "QXZ", "TBV", "NFLX").get(i % 4);
                String sector = i % 4 < 2 ? "TECHNOLOGY" : "ENERGY";
                all.merge(ticker, 1, Integer::sum);
                if (sector.equals("TECHNOLOGY")) {
                    tech.merge(ticker, 1, Integer::sum);
                }
                entries.add(PutRecordsRequestEntry.builder().partitionKey(ticker + i).data(SdkBytes.fromUtf8String(
                        "{\"TICKER_SYMBOL\":\"" + ticker + "\",\"SECTOR\":\"" + sector + "\",\"CHANGE\":0.5,\"PRICE\":" + (i % 90) + ".25}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("legacy-trades").records(entries)).failedRecordCount()).isZero();

            create(analytics, "legacy-step", STEP, "legacy-step-out");
            create(analytics, "legacy-floor", FLOOR, "legacy-floor-out");
            create(analytics, "legacy-sliding", SLIDING, "legacy-sliding-out");
            for (String app : new String[] {"legacy-step", "legacy-floor", "legacy-sliding"}) {
                analytics.startApplication(b -> b.applicationName(app).inputConfigurations(c -> c.id("1.1")
                        .inputStartingPositionConfiguration(p -> p.inputStartingPosition(InputStartingPosition.TRIM_HORIZON))));
            }
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(counts(kinesis, "legacy-step-out")).isEqualTo(all);
                assertThat(counts(kinesis, "legacy-floor-out")).isEqualTo(tech);
                // A sliding window: a row out for each row in, the last of a ticker's counting all of its rows (all within the minute).
                Map<String, Integer> rowsOut = new TreeMap<>();
                Map<String, Integer> largest = new TreeMap<>();
                for (JsonNode row : rows(kinesis, "legacy-sliding-out")) {
                    rowsOut.merge(row.get("TICKER_SYMBOL").asText(), 1, Integer::sum);
                    largest.merge(row.get("TICKER_SYMBOL").asText(), row.get("TICKER_COUNT").asInt(), Math::max);
                }
                assertThat(rowsOut).isEqualTo(all);
                assertThat(largest).isEqualTo(all);
            });
            for (String app : new String[] {"legacy-step", "legacy-floor", "legacy-sliding"}) {
                assertThat(analytics.describeApplication(b -> b.applicationName(app)).applicationDetail().applicationStatus())
                        .isEqualTo(ApplicationStatus.RUNNING);
                Instant created = analytics.describeApplication(b -> b.applicationName(app)).applicationDetail().createTimestamp();
                analytics.deleteApplication(b -> b.applicationName(app).createTimestamp(created));
            }

            assertThatThrownBy(() -> create(analytics, "legacy-bad-stagger", STAGGER.replace("RANGE INTERVAL '3' SECOND", "ROWS 3"),
                    "legacy-step-out")).isInstanceOf(CodeValidationException.class).hasMessageContaining("Line 5");
            assertThatThrownBy(() -> create(analytics, "legacy-bad", STEP.replace("STEP(", "STEPS("), "legacy-step-out"))
                    .isInstanceOf(CodeValidationException.class).hasMessageContaining("Line 5");
        }
    }
}
