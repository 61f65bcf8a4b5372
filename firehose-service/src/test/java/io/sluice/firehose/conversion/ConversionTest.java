package io.sluice.firehose.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON records against a table, written as Parquet and as ORC and read back with the formats' own
 * readers: the same rows, with the Hive types mapped; records that do not fit are refused with the reason.
 */
class ConversionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableSchema TABLE = new TableSchema("lake", "events", List.of(
            new TableSchema.Column("id", "bigint"), new TableSchema.Column("name", "string"),
            new TableSchema.Column("score", "double"), new TableSchema.Column("active", "boolean"),
            new TableSchema.Column("day", "date"), new TableSchema.Column("at", "timestamp"),
            new TableSchema.Column("price", "decimal(10,2)"), new TableSchema.Column("tags", "array<string>"),
            new TableSchema.Column("attrs", "map<string,int>"), new TableSchema.Column("geo", "struct<lat:double,lon:double>"),
            new TableSchema.Column("level", "tinyint")), Instant.EPOCH, Instant.EPOCH, 0);
    private static final String ROW_1 = "{\"ID\":1,\"name\":\"ada\",\"score\":9.5,\"active\":true,\"day\":\"2026-11-30\","
            + "\"at\":\"2026-11-30T10:15:30Z\",\"price\":\"12.345\",\"tags\":[\"a\",\"b\"],\"attrs\":{\"x\":1},"
            + "\"geo\":{\"lat\":52.5,\"lon\":13.4},\"level\":7}";
    private static final String ROW_2 = "{\"id\":\"2\",\"name\":{\"nested\":true},\"active\":\"false\",\"at\":1764497730000}";

    private static DataFormatConversion conversion(String serializer) throws Exception {
        return DataFormatConversion.of(JSON.readTree("{\"Enabled\":true,\"SchemaConfiguration\":{\"DatabaseName\":\"lake\",\"TableName\":\"events\"},"
                + "\"InputFormatConfiguration\":{\"Deserializer\":{\"OpenXJsonSerDe\":{}}},"
                + "\"OutputFormatConfiguration\":{\"Serializer\":" + serializer + "}}"));
    }

    private static Path write(Path dir, DataFormatConversion conversion) throws Exception {
        JsonRows rows = new JsonRows(TABLE, conversion);
        Path file = dir.resolve("out" + conversion.extension());
        try (ColumnarWriter writer = ColumnarWriter.open(file, rows, conversion)) {
            writer.write(rows.read(ROW_1.getBytes(StandardCharsets.UTF_8)));
            writer.write(rows.read(ROW_2.getBytes(StandardCharsets.UTF_8)));
        }
        return file;
    }

    @Test
    void jsonRecordsBecomeParquetRowsWithHiveTypes(@TempDir Path dir) throws Exception {
        List<Group> rows = ColumnarFiles.parquetRows(write(dir, conversion("{\"ParquetSerDe\":{\"Compression\":\"SNAPPY\"}}")));
        assertThat(rows).hasSize(2);
        Group first = rows.get(0);
        assertThat(first.getLong("id", 0)).isEqualTo(1);
        assertThat(first.getString("name", 0)).isEqualTo("ada");
        assertThat(first.getDouble("score", 0)).isEqualTo(9.5);
        assertThat(first.getBoolean("active", 0)).isTrue();
        assertThat(first.getInteger("day", 0)).isEqualTo(java.time.LocalDate.parse("2026-11-30").toEpochDay());
        assertThat(first.getLong("at", 0)).isEqualTo(Instant.parse("2026-11-30T10:15:30Z").toEpochMilli());
        assertThat(new java.math.BigDecimal(new java.math.BigInteger(first.getBinary("price", 0).getBytes()), 2))
                .isEqualByComparingTo("12.35");
        Group tags = first.getGroup("tags", 0);
        assertThat(tags.getFieldRepetitionCount("list")).isEqualTo(2);
        assertThat(tags.getGroup("list", 1).getString("element", 0)).isEqualTo("b");
        assertThat(first.getGroup("attrs", 0).getGroup("key_value", 0).getInteger("value", 0)).isEqualTo(1);
        assertThat(first.getGroup("geo", 0).getDouble("lon", 0)).isEqualTo(13.4);
        assertThat(first.getInteger("level", 0)).isEqualTo(7);
        PrimitiveType at = first.getType().getType("at").asPrimitiveType();
        assertThat(at.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
        assertThat(first.getType().getType("price").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));

        Group second = rows.get(1);
        assertThat(second.getLong("id", 0)).as("a numeric string in a bigint column").isEqualTo(2);
        assertThat(second.getString("name", 0)).as("an object in a string column, as JSON").isEqualTo("{\"nested\":true}");
        assertThat(second.getFieldRepetitionCount("score")).as("missing: null").isZero();
        assertThat(second.getLong("at", 0)).isEqualTo(1764497730000L);
    }

    @Test
    void jsonRecordsBecomeOrcRowsWithHiveTypes(@TempDir Path dir) throws Exception {
        Map<String, Object> orc = ColumnarFiles.orc(write(dir, conversion("{\"OrcSerDe\":{\"Compression\":\"ZLIB\"}}")));
        assertThat(orc.get("schema")).isEqualTo("struct<id:bigint,name:string,score:double,active:boolean,day:date,at:timestamp,"
                + "price:decimal(10,2),tags:array<string>,attrs:map<string,int>,geo:struct<lat:double,lon:double>,level:tinyint>");
        assertThat(orc.get("compression")).isEqualTo("ZLIB");
        @SuppressWarnings("unchecked")
        List<List<String>> rows = (List<List<String>>) orc.get("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).subList(0, 4)).containsExactly("1", "\"ada\"", "9.5", "1");
        assertThat(rows.get(0).get(6)).isEqualTo("12.35");
        assertThat(rows.get(0).get(7)).isEqualTo("[\"a\", \"b\"]");
        assertThat(rows.get(1).get(2)).isEqualTo("null");
    }

    @Test
    void recordsThatDoNotFitAreRefusedWithTheReason() throws Exception {
        JsonRows rows = new JsonRows(TABLE, conversion("{\"ParquetSerDe\":{}}"));
        assertThatThrownBy(() -> rows.read("not json".getBytes())).isInstanceOf(ConversionException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> rows.read("[1,2]".getBytes())).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> rows.read("{\"id\":\"abc\"}".getBytes())).hasMessageContaining("column id is not a bigint");
        assertThatThrownBy(() -> rows.read("{\"level\":300}".getBytes())).hasMessageContaining("column level is not a tinyint");
        assertThatThrownBy(() -> rows.read("{\"tags\":\"x\"}".getBytes())).hasMessageContaining("Column tags is an array");
        assertThatThrownBy(() -> rows.read("{\"price\":\"123456789.1\"}".getBytes())).hasMessageContaining("decimal(10,2)");
    }
}
