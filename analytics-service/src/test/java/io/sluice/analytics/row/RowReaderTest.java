package io.sluice.analytics.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowReaderTest {
    private static final List<RowReader.Column> TICKER = List.of(new RowReader.Column("TICKER", "$.ticker", "VARCHAR(4)"),
            new RowReader.Column("PRICE", "$.quote.price", "DECIMAL(6,2)"), new RowReader.Column("VOLUME", "$.volume", "INTEGER"),
            new RowReader.Column("AT", "$.at", "TIMESTAMP"), new RowReader.Column("TAG", "$.tags[0:]", "VARCHAR(8)"),
            new RowReader.Column("LIVE", null, "BOOLEAN"));

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonColumnsComeFromTheirPathsConvertedToTheirTypes() throws Exception {
        RowReader reader = new RowReader("JSON", "$", TICKER, null, null);
        List<Object[]> rows = reader.read(utf8("{\"ticker\":\"AMZNX\",\"quote\":{\"price\":\"184.456\"},\"volume\":1200,"
                + "\"at\":\"2026-11-30 10:00:01.250\",\"tags\":[\"retail\",\"cloud\"],\"LIVE\":true}"));
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsExactly("AMZN", new BigDecimal("184.46"), 1200,
                LocalDateTime.of(2026, 11, 30, 10, 0, 1, 250_000_000), "retail", true));
        assertThat(reader.read(utf8("{\"ticker\":\"X\",\"at\":\"2026-11-30T10:00:00Z\"}"))).singleElement()
                .satisfies(row -> assertThat(row).containsExactly("X", null, null, LocalDateTime.of(2026, 11, 30, 10, 0), null, null));
    }

    @Test
    void aRowPathToAnArrayGivesARowPerElement() throws Exception {
        RowReader reader = new RowReader("JSON", "$.trades[0:]", List.of(new RowReader.Column("T", "$.t", "VARCHAR(4)"),
                new RowReader.Column("N", "$.n", "SMALLINT")), null, null);
        assertThat(reader.read(utf8("{\"trades\":[{\"t\":\"A\",\"n\":1},{\"t\":\"B\",\"n\":2}]}")))
                .extracting(r -> r[0] + "=" + r[1]).containsExactly("A=1", "B=2");
        assertThat(reader.read(utf8("{\"other\":1}"))).isEmpty();
    }

    @Test
    void aValueThatDoesNotFitFailsTheRecord() {
        RowReader reader = new RowReader("JSON", "$", TICKER, null, null);
        assertThatThrownBy(() -> reader.read(utf8("{\"volume\":\"many\"}"))).isInstanceOf(SqlType.ConversionException.class)
                .hasMessageContaining("'many' is not a INTEGER");
        assertThatThrownBy(() -> reader.read(utf8("{\"quote\":{\"price\":123456.7}}"))).isInstanceOf(SqlType.ConversionException.class);
        assertThatThrownBy(() -> reader.read(utf8("not json"))).isInstanceOf(SqlType.ConversionException.class);
        assertThatThrownBy(() -> reader.read(utf8("{\"volume\":{\"a\":1}}"))).isInstanceOf(SqlType.ConversionException.class);
    }

    @Test
    void csvColumnsAreTakenByPosition() throws Exception {
        RowReader reader = new RowReader("CSV", null, List.of(new RowReader.Column("T", null, "CHAR(3)"),
                new RowReader.Column("P", null, "DOUBLE"), new RowReader.Column("D", null, "DATE")), "\n", "|");
        List<Object[]> rows = reader.read(utf8("QXZ|84.5|2026-11-30\nAMZN||\nB\n"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("QXZ", 84.5, LocalDate.of(2026, 11, 30));
        assertThat(rows.get(1)).containsExactly("AMZ", null, null);
        assertThat(rows.get(2)).containsExactly("B", null, null);
    }

    @Test
    void typesAreParsedAsTheSqlReferenceNamesThem() {
        assertThat(SqlType.parse("varchar(16)")).isEqualTo(new SqlType(SqlType.Kind.VARCHAR, 16, 0));
        assertThat(SqlType.parse("CHARACTER VARYING (8)").kind()).isEqualTo(SqlType.Kind.VARCHAR);
        assertThat(SqlType.parse("DOUBLE PRECISION").kind()).isEqualTo(SqlType.Kind.DOUBLE);
        assertThat(SqlType.parse("DECIMAL").toString()).isEqualTo("DECIMAL(19,0)");
        assertThat(SqlType.parse("numeric(5, 2)").toString()).isEqualTo("DECIMAL(5,2)");
        assertThatThrownBy(() -> SqlType.parse("TEXT")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsAreWrittenAsJsonOrCsv() {
        Object[] row = {"AMZN", new BigDecimal("184.46"), 1200, LocalDateTime.of(2026, 11, 30, 10, 0, 1), null, true, 0.5f};
        List<String> names = List.of("TICKER", "PRICE", "VOLUME", "AT", "TAG", "LIVE", "SHARE");
        assertThat(new String(new RowWriter("JSON", names).write(row), StandardCharsets.UTF_8)).isEqualTo(
                "{\"TICKER\":\"AMZN\",\"PRICE\":184.46,\"VOLUME\":1200,\"AT\":\"2026-11-30 10:00:01.000\",\"TAG\":null,\"LIVE\":true,\"SHARE\":0.5}");
        assertThat(new String(new RowWriter("CSV", names).write(row), StandardCharsets.UTF_8))
                .isEqualTo("AMZN,184.46,1200,2026-11-30 10:00:01.000,,true,0.5\n");
    }

    @Test
    void plainPathsAreReadAsTheParserStreamsAndSkipTheRest() throws Exception {
        RowReader reader = new RowReader("JSON", "$", List.of(new RowReader.Column("T", "$.ticker", "VARCHAR(4)"),
                new RowReader.Column("P", "$.quote.price", "DOUBLE"), new RowReader.Column("Q", "$.quote", "VARCHAR(64)"),
                new RowReader.Column("N", "$.missing", "INTEGER"), new RowReader.Column("Z", "$.nothing", "INTEGER")), null, null);
        String json = "{\"payload\":\"" + "x".repeat(900) + "\",\"nested\":{\"a\":[1,{\"b\":2}]},\"ticker\":\"AMZNX\","
                + "\"quote\":{\"price\":12.5,\"ask\":13},\"nothing\":null}";
        List<Object[]> rows = reader.read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsExactly("AMZN", 12.5, "{\"price\":12.5,\"ask\":13}", null, null);
        // Not an object: read as a tree, as before (its columns are missing).
        assertThat(reader.read("[1,2]".getBytes(StandardCharsets.UTF_8))).hasSize(1).allSatisfy(row -> assertThat(row).containsOnlyNulls());
        assertThatThrownBy(() -> reader.read("{\"ticker\":\"A\",\"payload\":\"unterminated".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SqlType.ConversionException.class).hasMessageContaining("not JSON");
    }
}
