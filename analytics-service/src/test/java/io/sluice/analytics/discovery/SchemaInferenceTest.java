package io.sluice.analytics.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.application.Shapes.RecordColumn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    private static List<byte[]> records(String... texts) {
        return Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static List<String> columns(SchemaInference.Result result) {
        return result.schema().recordColumns().stream()
                .map(c -> c.name() + " " + c.sqlType() + (c.mapping() == null ? "" : " " + c.mapping())).toList();
    }

    @Test
    void theDemoTickerStreamGivesKdasColumns() {
        SchemaInference.Result result = SchemaInference.infer(records(
                "{\"TICKER_SYMBOL\":\"QXZ\",\"SECTOR\":\"HEALTHCARE\",\"CHANGE\":-0.05,\"PRICE\":84.51}",
                "{\"TICKER_SYMBOL\":\"AMZN\",\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":1,\"PRICE\":150}")).orElseThrow();
        assertThat(columns(result)).containsExactly("TICKER_SYMBOL VARCHAR(4) $.TICKER_SYMBOL", "SECTOR VARCHAR(16) $.SECTOR",
                "CHANGE REAL $.CHANGE", "PRICE REAL $.PRICE");
        assertThat(result.schema().recordFormat().type()).isEqualTo("JSON");
        assertThat(result.schema().recordFormat().mapping().json().recordRowPath()).isEqualTo("$");
        assertThat(result.schema().recordEncoding()).isEqualTo("UTF-8");
        assertThat(result.parsed()).containsExactly(List.of("QXZ", "HEALTHCARE", "-0.05", "84.51"), List.of("AMZN", "TECHNOLOGY", "1", "150"));
    }

    @Test
    void nestedObjectsFlattenAndNamesBecomeIdentifiers() {
        SchemaInference.Result result = SchemaInference.infer(records(
                "{\"user\":{\"id\":7,\"name\":\"ann\"},\"timestamp\":\"2026-11-30T10:00:00Z\",\"count\":300,\"big\":3000000000,"
                        + "\"ok\":true,\"@@\":40000,\"tags\":[\"a\",\"bb\"]}",
                "{\"user\":{\"id\":-9},\"count\":-2,\"ok\":false,\"extra\":null}")).orElseThrow();
        assertThat(columns(result)).containsExactly("id TINYINT $.user.id", "name VARCHAR(4) $.user.name",
                "COL_timestamp VARCHAR(32) $.timestamp", "COL_count SMALLINT $.count", "big BIGINT $.big", "ok BOOLEAN $.ok",
                "COL_6 INTEGER $.@@", "tags VARCHAR(4) $.tags[0:]", "extra VARCHAR(4) $.extra");
        assertThat(result.parsed().get(1)).containsExactly("-9", null, null, "-2", null, "false", null, null, null);
    }

    @Test
    void csvWithAHeaderRowNamesItsColumns() {
        SchemaInference.Result result = SchemaInference.infer(records(
                "state,producer_type,year,tons\r\nAK,Coal,2001,12.5\r\nAL,ShortTons,2002,3020601\r\n")).orElseThrow();
        assertThat(columns(result)).containsExactly("state VARCHAR(4)", "producer_type VARCHAR(16)", "COL_year SMALLINT", "tons REAL");
        assertThat(result.schema().recordFormat().type()).isEqualTo("CSV");
        assertThat(result.schema().recordFormat().mapping().csv().recordRowDelimiter()).isEqualTo("\r\n");
        assertThat(result.schema().recordFormat().mapping().csv().recordColumnDelimiter()).isEqualTo(",");
        assertThat(result.parsed()).containsExactly(Arrays.asList("state", "producer_type", null, null), List.of("AK", "Coal", "2001", "12.5"),
                List.of("AL", "ShortTons", "2002", "3020601"));
    }

    @Test
    void csvWithoutAHeaderNumbersItsColumnsAndFindsItsDelimiter() {
        SchemaInference.Result result = SchemaInference.infer(records("QXZ|84.51|true", "AMZN|150|false")).orElseThrow();
        assertThat(result.schema().recordColumns()).extracting(RecordColumn::name).containsExactly("COL_0", "COL_1", "COL_2");
        assertThat(result.schema().recordColumns()).extracting(RecordColumn::sqlType).containsExactly("VARCHAR(4)", "REAL", "BOOLEAN");
        assertThat(result.schema().recordFormat().mapping().csv().recordColumnDelimiter()).isEqualTo("|");
        assertThat(result.schema().recordFormat().mapping().csv().recordRowDelimiter()).isEqualTo("\n");
    }

    @Test
    void nothingToInferFromIsEmpty() {
        assertThat(SchemaInference.infer(List.of())).isEmpty();
        assertThat(SchemaInference.infer(List.of(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00}))).isEmpty();
    }

    @Test
    void namesAreMadeIntoIdentifiersAsKdaDoes() {
        assertThat(ColumnNames.identifiers(List.of("USER", "USER@DOMAIN", "1st", "@@", "ticker", "Ticker", "a".repeat(120))))
                .containsExactly("COL_USER", "COL_USERDOMAIN", "COL_1st", "COL_3", "ticker", "Ticker_2", "COL_" + "a".repeat(96));
    }
}
