package io.sluice.analytics.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LegacySqlTest {
    private static final Map<String, List<String>> INPUT = Map.of("SOURCE_SQL_STREAM_001", List.of("TICKER_SYMBOL", "SECTOR", "PRICE"));

    /** The steps, SQL as its text and the stream steps as their records. */
    private static List<String> translate(String code) {
        return LegacySql.translate(code, INPUT, Set.of("COMPANIES"), Set.of("DESTINATION_SQL_STREAM")).stream()
                .map(step -> step instanceof Step.Sql sql ? sql.sql() : step.toString()).toList();
    }

    @Test
    void aStepGroupByBecomesATumblingWindowOverRowtime() {
        List<String> flink = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
                  FROM "SOURCE_SQL_STREAM_001"
                  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND);
                """);
        assertThat(flink).containsExactly(
                "CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM` AS SELECT CAST(`C1` AS VARCHAR(4)) AS `TICKER_SYMBOL`, "
                        + "CAST(`C2` AS INTEGER) AS `TICKER_COUNT`, `ROWTIME` FROM (SELECT `TICKER_SYMBOL` AS `C1`, COUNT(*) AS `C2`, "
                        + "`window_time` AS `ROWTIME` FROM TABLE(TUMBLE(TABLE `SOURCE_SQL_STREAM_001`, DESCRIPTOR(`ROWTIME`), "
                        + "INTERVAL '10' SECOND)) AS `SOURCE_SQL_STREAM_001` GROUP BY `TICKER_SYMBOL`, `window_start`, `window_end`, `window_time`)",
                "INSERT INTO `DESTINATION_SQL_STREAM` SELECT `TICKER_SYMBOL`, `TICKER_COUNT` FROM `DESTINATION_SQL_STREAM`");
    }

    @Test
    void floorBucketsAreWindowsOfTheirUnitOrOfTheirDivisor() {
        String minute = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (minute_start TIMESTAMP, n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM FLOOR(ROWTIME TO MINUTE), COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY FLOOR(ROWTIME TO MINUTE);
                """).get(0);
        assertThat(minute).contains("`window_start` AS `C1`").contains("INTERVAL '1' MINUTE");
        String tenSeconds = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (sector VARCHAR(16), n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM sector, COUNT(*) FROM SOURCE_SQL_STREAM_001
                  GROUP BY sector, FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND);
                """).get(0);
        assertThat(tenSeconds).contains("INTERVAL '10' SECOND").contains("GROUP BY `SECTOR`, `window_start`");
    }

    @Test
    void streamsChainThroughPumpsAndFiltersKeepRowtime() {
        List<String> flink = translate("""
                CREATE OR REPLACE STREAM "TECH" (ticker VARCHAR(4), price DOUBLE);
                CREATE OR REPLACE PUMP "FILTER_PUMP" AS INSERT INTO "TECH"
                  SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'TECHNOLOGY';
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), avg_price DOUBLE);
                CREATE OR REPLACE PUMP "AVG_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker, AVG(price) FROM "TECH" GROUP BY ticker, STEP("TECH".ROWTIME BY INTERVAL '1' MINUTE);
                """);
        assertThat(flink).hasSize(3);
        assertThat(flink.get(0)).startsWith("CREATE TEMPORARY VIEW `TECH` AS").contains("WHERE `SECTOR` = 'TECHNOLOGY'")
                .contains("`SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`");
        assertThat(flink.get(1)).contains("TUMBLE(TABLE `TECH`");
    }

    @Test
    void aPumpsColumnListSaysWhichColumnsItFills() {
        String listed = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("a" VARCHAR(4), "b" DOUBLE, "c" INTEGER);
                CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM" ("c", "a")
                  SELECT STREAM 7, ticker_symbol FROM "SOURCE_SQL_STREAM_001";
                """).get(0);
        assertThat(listed).startsWith("CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM` AS SELECT CAST(`C2` AS VARCHAR(4)) AS `a`, "
                + "CAST(NULL AS DOUBLE) AS `b`, CAST(`C1` AS INTEGER) AS `c`, `ROWTIME` FROM (");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("a" VARCHAR(4));
                CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM" ("z") SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001";
                """)).isInstanceOf(AwsException.class).hasMessageContaining("has no column z");
    }

    @Test
    void selectStarTakesTheSourceStreamsColumns() {
        String star = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (t VARCHAR(4), s VARCHAR(16), p REAL);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM * FROM "SOURCE_SQL_STREAM_001" AS src;
                """).get(0);
        assertThat(star).contains("SELECT `SRC`.`TICKER_SYMBOL` AS `C1`, `SRC`.`SECTOR` AS `C2`, `SRC`.`PRICE` AS `C3`, `SRC`.`ROWTIME` AS `ROWTIME`");
    }

    @Test
    void aggregatesOverAWindowSlideOverRowtime() {
        String named = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), avg_price DOUBLE, n INTEGER);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker_symbol, AVG(price) OVER W1, COUNT(*) OVER (PARTITION BY ticker_symbol ROWS 10 PRECEDING)
                  FROM "SOURCE_SQL_STREAM_001"
                  WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING);
                """).get(0);
        assertThat(named).contains("AVG(`PRICE`) OVER (PARTITION BY `TICKER_SYMBOL` ORDER BY `ROWTIME` RANGE BETWEEN INTERVAL '1' MINUTE "
                + "PRECEDING AND CURRENT ROW)").contains("COUNT(*) OVER (PARTITION BY `TICKER_SYMBOL` ORDER BY `ROWTIME` ROWS BETWEEN 10 PRECEDING "
                + "AND CURRENT ROW)").doesNotContain("WINDOW");
    }

    @Test
    void aStaggerWindowKeepsWindowsPerKeyThatOpenWithTheirFirstRow() {
        List<String> flink = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), minute TIMESTAMP, n INTEGER);
                CREATE OR REPLACE PUMP "STAGGER_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker_symbol, FLOOR(ROWTIME TO MINUTE), COUNT(*) AS n
                  FROM "SOURCE_SQL_STREAM_001"
                  WHERE price > 0
                  WINDOWED BY STAGGER (
                    PARTITION BY FLOOR(ROWTIME TO MINUTE), ticker_symbol RANGE INTERVAL '1' MINUTE)
                  HAVING COUNT(*) > 1;
                """);
        assertThat(flink).hasSize(6);
        assertThat(flink.get(0)).isEqualTo("CREATE TEMPORARY VIEW `$PUMP$STAGGER_PUMP$ROWS` AS SELECT `SOURCE_SQL_STREAM_001`.*, "
                + "FLOOR(`ROWTIME` TO MINUTE) AS `$K1`, `TICKER_SYMBOL` AS `$K2` FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001` "
                + "WHERE `PRICE` > 0");
        assertThat(flink.get(1)).isEqualTo(new Step.StaggerWindows("$PUMP$STAGGER_PUMP$ROWS", "$PUMP$STAGGER_PUMP$STAGGERED",
                List.of("$K1", "$K2"), 60_000).toString());
        assertThat(flink.get(2)).contains("SELECT /*+ STATE_TTL('SOURCE_SQL_STREAM_001' = '180000 ms') */ `$K2` AS `C1`, `$K1` AS `C2`, "
                + "COUNT(*) AS `C3`, `$K1`, `$K2`, `window_start`, `window_end` FROM `$PUMP$STAGGER_PUMP$STAGGERED`")
                .endsWith("GROUP BY `$K1`, `$K2`, `window_start`, `window_end` HAVING COUNT(*) > 1");
        assertThat(flink.get(3)).isEqualTo(new Step.FinalRows("$PUMP$STAGGER_PUMP$AGGREGATED", "$PUMP$STAGGER_PUMP$WINDOWS",
                List.of("$K1", "$K2", "window_start"), List.of("C1", "C2", "C3")).toString());
        assertThat(flink.get(4)).contains("FROM (SELECT `C1`, `C2`, `C3`, `ROWTIME` FROM `$PUMP$STAGGER_PUMP$WINDOWS`)");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (n INTEGER);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM COUNT(*) FROM "SOURCE_SQL_STREAM_001" WINDOWED BY STAGGER (PARTITION BY sector RANGE INTERVAL '1' MONTH);
                """)).isInstanceOf(AwsException.class).hasMessageStartingWith("Line 3").hasMessageContaining("RANGE INTERVAL");
    }

    @Test
    void floorOfAnEventTimeIsAGroupingKeyBesideTheWindow() {
        String flink = LegacySql.translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), minute TIMESTAMP, n INTEGER);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker, FLOOR(event_time TO MINUTE), COUNT(*) FROM "SOURCE_SQL_STREAM_001"
                  GROUP BY ticker, FLOOR(event_time TO MINUTE), STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
                """, Map.of("SOURCE_SQL_STREAM_001", List.of("TICKER", "EVENT_TIME")), Set.of(), Set.of("DESTINATION_SQL_STREAM")).get(0).toString();
        assertThat(flink).contains("FLOOR(`EVENT_TIME` TO MINUTE) AS `C2`").contains("GROUP BY `TICKER`, FLOOR(`EVENT_TIME` TO MINUTE), `window_start`");
    }

    @Test
    void aStreamsViewComesAfterTheViewsItReadsAndCyclesAreRefused() {
        List<String> flink = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (t VARCHAR(4));
                CREATE OR REPLACE STREAM "TECH" (t VARCHAR(4));
                CREATE OR REPLACE PUMP a AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001";
                CREATE OR REPLACE PUMP b AS INSERT INTO "TECH" SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001";
                CREATE OR REPLACE PUMP c AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM t FROM "TECH";
                """);
        assertThat(flink.get(0)).startsWith("CREATE TEMPORARY VIEW `TECH`");
        assertThat(flink.get(1)).startsWith("CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM`").contains(" UNION ALL ");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (t VARCHAR(4));
                CREATE OR REPLACE STREAM "TECH" (t VARCHAR(4));
                CREATE OR REPLACE PUMP a AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001";
                CREATE OR REPLACE PUMP b AS INSERT INTO "TECH" SELECT STREAM t FROM "DESTINATION_SQL_STREAM";
                CREATE OR REPLACE PUMP c AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM t FROM "TECH";
                """)).isInstanceOf(AwsException.class).hasMessageContaining("cycle");
    }

    @Test
    void randomCutForestScoresTheRowsOfItsCursor() {
        List<Step> steps = LegacySql.translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (price REAL, score DOUBLE, why VARCHAR(512));
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM r.price, ANOMALY_SCORE, ANOMALY_EXPLANATION
                  FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(
                    CURSOR(SELECT STREAM price, ticker_symbol AS t FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'TECH'), 50, 64, 1000, 2, TRUE)) AS r
                  WHERE ANOMALY_SCORE > 0;
                """, INPUT, Set.of(), Set.of("DESTINATION_SQL_STREAM"));
        assertThat(steps.get(0)).isEqualTo(new Step.Sql("CREATE TEMPORARY VIEW `$PUMP$P$CURSOR_ROWS` AS SELECT `C1` AS `PRICE`, `C2` AS `T`, "
                + "`ROWTIME` FROM (SELECT `PRICE` AS `C1`, `TICKER_SYMBOL` AS `C2`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME` "
                + "FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001` WHERE `SECTOR` = 'TECH')"));
        assertThat(steps.get(1)).isEqualTo(new Step.RandomCutForest("$PUMP$P$CURSOR_ROWS", "$PUMP$P$RANDOM_CUT_FOREST_WITH_EXPLANATION",
                50, 64, 1000, 2, true, true));
        assertThat(((Step.Sql) steps.get(2)).sql()).contains("SELECT `R`.`PRICE` AS `C1`, `ANOMALY_SCORE` AS `C2`, `ANOMALY_EXPLANATION` AS `C3`, "
                + "`R`.`ROWTIME` AS `ROWTIME` FROM `$PUMP$P$RANDOM_CUT_FOREST_WITH_EXPLANATION` AS `R` WHERE `ANOMALY_SCORE` > 0");
        List<Step> defaults = LegacySql.translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (price REAL, score DOUBLE);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM price, ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")));
                """, INPUT, Set.of(), Set.of("DESTINATION_SQL_STREAM"));
        assertThat(defaults.get(1)).isEqualTo(new Step.RandomCutForest("$PUMP$P$CURSOR_ROWS", "$PUMP$P$RANDOM_CUT_FOREST", 100, 256, 100_000, 1,
                false, false));
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (price REAL, score DOUBLE);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM price, ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 5000));
                """)).isInstanceOf(AwsException.class).hasMessageStartingWith("Line 3").hasMessageContaining("numberOfTrees must be between 1 and 1000");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (price REAL);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM price FROM TABLE(NO_SUCH_FUNCTION(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")));
                """)).isInstanceOf(AwsException.class).hasMessageContaining("NO_SUCH_FUNCTION is not supported");
    }

    @Test
    void aReferenceTableJoinLooksUpEachRowAtItsProcessingTime() {
        String joined = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), company VARCHAR(32), price REAL);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker_symbol, "c"."Company", price
                  FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "COMPANIES" AS "c" ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker"
                  WHERE price > 1;
                """).get(0);
        assertThat(joined).contains("SELECT `TICKER_SYMBOL` AS `C1`, `c`.`Company` AS `C2`, `PRICE` AS `C3`, `SOURCE_SQL_STREAM_001`.`ROWTIME` "
                + "AS `ROWTIME` FROM (SELECT *, PROCTIME() AS `$PROCTIME` FROM `SOURCE_SQL_STREAM_001`) AS `SOURCE_SQL_STREAM_001` "
                + "LEFT JOIN `COMPANIES` FOR SYSTEM_TIME AS OF `SOURCE_SQL_STREAM_001`.`$PROCTIME` AS `c` "
                + "ON `SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` = `c`.`Ticker` WHERE `PRICE` > 1");
        String unknown = """
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4));
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001" JOIN "NAMES" AS n ON ticker_symbol = n.t;
                """;
        assertThatThrownBy(() -> translate(unknown)).isInstanceOf(AwsException.class).hasMessageContaining("NAMES is not a reference table");
        // Before its reference data source is added, code may name the table (KDA's order: code first, then the table).
        LegacySql.validate(unknown, INPUT);
    }

    @Test
    void streamsJoinOverTheWindowOfOneSideAndTheResultHasTheOthersRowtime() {
        List<String> flink = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), price REAL, t TIMESTAMP);
                CREATE OR REPLACE STREAM "TECH" (ticker VARCHAR(4), price REAL);
                CREATE OR REPLACE PUMP a AS INSERT INTO "TECH"
                  SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'TECH';
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM s.ticker_symbol, t.price, ROWTIME
                  FROM "TECH" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t
                  JOIN "SOURCE_SQL_STREAM_001" AS s ON t.ticker = s.ticker_symbol;
                """);
        assertThat(flink.get(1)).startsWith("CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM`")
                .contains("SELECT `S`.`TICKER_SYMBOL` AS `C1`, `T`.`PRICE` AS `C2`, `S`.`ROWTIME` AS `C3`, `S`.`ROWTIME` AS `ROWTIME` "
                        + "FROM `TECH` AS `T` JOIN `SOURCE_SQL_STREAM_001` AS `S` ON (`T`.`TICKER` = `S`.`TICKER_SYMBOL`) "
                        + "AND `T`.`ROWTIME` BETWEEN `S`.`ROWTIME` - INTERVAL '1' MINUTE AND `S`.`ROWTIME`");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4));
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM a.ticker_symbol FROM "SOURCE_SQL_STREAM_001" OVER (ROWS 10 PRECEDING) AS a
                  JOIN "SOURCE_SQL_STREAM_001" AS b ON a.price = b.price;
                """)).isInstanceOf(AwsException.class).hasMessageStartingWith("Line 3").hasMessageContaining("windows of rows are not supported");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4));
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM a.ticker_symbol FROM "SOURCE_SQL_STREAM_001" AS a
                  LEFT JOIN "SOURCE_SQL_STREAM_001" AS b ON a.price = b.price;
                """)).isInstanceOf(AwsException.class).hasMessageContaining("outer joins of streams are not supported");
    }

    @Test
    void topKAndDistinctCountsAreTumblingStepsOverTheirCursorsColumn() {
        List<Step> topK = LegacySql.translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (item VARCHAR(1024), item_count DOUBLE);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ITEM, ITEM_COUNT FROM TABLE(TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
                    'ticker_symbol', 3, 60));
                """, INPUT, Set.of(), Set.of("DESTINATION_SQL_STREAM"));
        assertThat(topK.get(1)).isEqualTo(new Step.TumblingItems("$PUMP$P$CURSOR_ROWS", "$PUMP$P$TOP_K_ITEMS_TUMBLING", "TICKER_SYMBOL", 3, 60));
        List<Step> distinct = LegacySql.translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM NUMBER_OF_DISTINCT_ITEMS
                  FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'SECTOR', 10));
                """, INPUT, Set.of(), Set.of("DESTINATION_SQL_STREAM"));
        assertThat(distinct.get(1)).isEqualTo(new Step.TumblingItems("$PUMP$P$CURSOR_ROWS", "$PUMP$P$COUNT_DISTINCT_ITEMS_TUMBLING", "SECTOR", 0,
                10));
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM NUMBER_OF_DISTINCT_ITEMS
                  FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'NOPE', 10));
                """)).isInstanceOf(AwsException.class).hasMessageStartingWith("Line 4").hasMessageContaining("has no column NOPE");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM NUMBER_OF_DISTINCT_ITEMS
                  FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'SECTOR', 7200));
                """)).isInstanceOf(AwsException.class).hasMessageContaining("windowSize must be between 1 and 3600");
    }

    @Test
    void calendarMonthsAreWindowsOfTheirOwnEmittedWhenTheyEnd() {
        List<String> flink = translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (sector VARCHAR(16), month_start TIMESTAMP, n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM sector, FLOOR(ROWTIME TO MONTH), COUNT(*) FROM "SOURCE_SQL_STREAM_001"
                  WHERE price > 0 GROUP BY sector, FLOOR(ROWTIME TO MONTH);
                """);
        assertThat(flink.get(0)).isEqualTo("CREATE TEMPORARY VIEW `$PUMP$P$CALENDAR` AS SELECT `SOURCE_SQL_STREAM_001`.*, "
                + "FLOOR(`SOURCE_SQL_STREAM_001`.`ROWTIME` TO MONTH) AS `window_start`, FLOOR(`SOURCE_SQL_STREAM_001`.`ROWTIME` TO MONTH) "
                + "+ INTERVAL '1' MONTH AS `window_end` FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001` WHERE `PRICE` > 0");
        assertThat(flink.get(1)).contains("SELECT /*+ STATE_TTL('SOURCE_SQL_STREAM_001' = '70 d') */ `SECTOR` AS `C1`, `window_start` AS `C2`, "
                + "COUNT(*) AS `C3`, `SECTOR` AS `$K1`, `window_start`, "
                + "`window_end` FROM `$PUMP$P$CALENDAR`").endsWith("GROUP BY `SECTOR`, `window_start`, `window_end`");
        assertThat(flink.get(2)).isEqualTo(new Step.FinalRows("$PUMP$P$AGGREGATED", "$PUMP$P$WINDOWS", List.of("$K1", "window_start"),
                List.of("C1", "C2", "C3")).toString());
        assertThat(translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM COUNT(*) FROM "SOURCE_SQL_STREAM_001" GROUP BY FLOOR(ROWTIME TO YEAR);
                """).get(0)).contains("+ INTERVAL '1' YEAR AS `window_end`");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM COUNT(*) FROM "SOURCE_SQL_STREAM_001" GROUP BY FLOOR(ROWTIME TO WEEK);
                """)).isInstanceOf(AwsException.class).hasMessageContaining("windows of calendar weeks are not supported");
    }

    @Test
    void anExpressionAsRowtimeBecomesTheRowsTime() {
        List<Step> steps = LegacySql.translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4));
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker_symbol, CHAR_TO_TIMESTAMP('yyyy', sector) AS ROWTIME FROM "SOURCE_SQL_STREAM_001";
                """, INPUT, Set.of(), Set.of("DESTINATION_SQL_STREAM"));
        assertThat(steps.get(0)).isEqualTo(new Step.Sql("CREATE TEMPORARY VIEW `$PUMP$P$RETIMED` AS SELECT `C1` AS `TICKER_SYMBOL`, `ROWTIME` "
                + "FROM (SELECT `TICKER_SYMBOL` AS `C1`, CAST(`CHAR_TO_TIMESTAMP`('yyyy', `SECTOR`) AS TIMESTAMP(3)) AS `ROWTIME` "
                + "FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001`)"));
        assertThat(steps.get(1)).isEqualTo(new Step.Rowtime("$PUMP$P$RETIMED", "$PUMP$P$ROWTIME"));
        assertThat(((Step.Sql) steps.get(2)).sql()).contains("FROM (SELECT `TICKER_SYMBOL` AS `C1`, `ROWTIME` FROM `$PUMP$P$ROWTIME`)");
    }

    @Test
    void hotspotsIsAStepOverItsCursorWithKdasRanges() {
        List<Step> steps = LegacySql.translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (price REAL, hotspots VARCHAR(10000));
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM price, HOTSPOTS_RESULT FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 1000, 0.2, 17));
                """, INPUT, Set.of(), Set.of("DESTINATION_SQL_STREAM"));
        assertThat(steps.get(1)).isEqualTo(new Step.Hotspots("$PUMP$P$CURSOR_ROWS", "$PUMP$P$HOTSPOTS", 1000, 0.2, 17));
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (price REAL);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM price FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 100.5, 0.2, 17));
                """)).isInstanceOf(AwsException.class).hasMessageContaining("windowSize is a whole number");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (price REAL);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM price FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 99999999999999999999, 0.2, 17));
                """)).isInstanceOf(AwsException.class).hasMessageContaining("windowSize must be between 100 and 1000");
        assertThat(translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (t TIMESTAMP);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM CURRENT_ROW_TIMESTAMP FROM "SOURCE_SQL_STREAM_001";
                """).get(0)).contains("`CURRENT_ROW_TIMESTAMP`() AS `C1`");
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (price REAL);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM price FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 50, 0.2, 17));
                """)).isInstanceOf(AwsException.class).hasMessageContaining("windowSize must be between 100 and 1000");
    }

    @Test
    void whatDoesNotTranslateIsACodeValidationExceptionWithItsPlace() {
        assertThatThrownBy(() -> translate("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM COUNT(*) FROM "SOURCE_SQL_STREAM_001" GROUP BY sector;
                """)).isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CODE_VALIDATION);
                    assertThat(e.getMessage()).startsWith("Line 3, column").contains("needs a window");
                });
        assertThatThrownBy(() -> translate("CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (n BIGINT);\n"
                + "CREATE OR REPLACE PUMP p AS INSERT INTO \"DESTINATION_SQL_STREAM\" SELECT STREAM n FROM \"NOWHERE\";"))
                .isInstanceOf(AwsException.class).hasMessageContaining("Line 2").hasMessageContaining("NOWHERE is not an input stream");
        assertThatThrownBy(() -> translate("CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (n BIGINT);\n"
                + "CREATE OR REPLACE PUMP p AS INSERT INTO \"DESTINATION_SQL_STREAM\" SELECT STREAM FROM WHERE;"))
                .isInstanceOf(AwsException.class).hasMessageStartingWith("Line 2, column");
        assertThatThrownBy(() -> translate("CREATE OR REPLACE STREAM \"X\" (n WIBBLE);"))
                .isInstanceOf(AwsException.class).hasMessageContaining("WIBBLE");
        assertThatThrownBy(() -> translate("DROP STREAM x;")).isInstanceOf(AwsException.class).hasMessageContaining("Line 1");
        assertThat(LegacySql.isLegacy("CREATE OR REPLACE PUMP p AS INSERT INTO s SELECT STREAM 1 FROM t")).isTrue();
        assertThat(LegacySql.isLegacy("INSERT INTO DEST SELECT * FROM SOURCE_SQL_STREAM_001")).isFalse();
    }
}
