package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A destination's {@code DataFormatConversionConfiguration}: JSON records (read with the OpenX or
 * the Hive JSON SerDe's rules) written as Parquet or ORC, with the columns of a table of the schema
 * catalogue.
 *
 * @param database the catalogue database ({@code SchemaConfiguration.DatabaseName})
 * @param table the table whose columns the files have ({@code SchemaConfiguration.TableName})
 * @param openX whether the OpenX JSON SerDe reads records (the Hive JSON SerDe otherwise)
 * @param caseInsensitive whether JSON keys match columns whatever their case (OpenX, default true)
 * @param dotsToUnderscores whether dots in JSON keys become underscores (OpenX)
 * @param keyMappings column name → JSON key (OpenX's ColumnToJsonKeyMappings)
 * @param timestampFormats the Hive JSON SerDe's TimestampFormats (DateTimeFormatter patterns, or {@code millis})
 * @param parquet whether the files are Parquet (ORC otherwise)
 * @param compression the serializer's compression (Parquet: UNCOMPRESSED, GZIP, SNAPPY; ORC: NONE, ZLIB, SNAPPY)
 * @param blockSizeBytes Parquet's row group size, ORC's block size
 * @param pageSizeBytes Parquet's page size
 * @param dictionary Parquet's EnableDictionaryCompression
 * @param stripeSizeBytes ORC's stripe size
 * @param rowIndexStride ORC's rows between index entries
 * @param bloomFilterColumns ORC's bloom filter columns
 */
public record DataFormatConversion(boolean enabled, String database, String table, boolean openX, boolean caseInsensitive,
        boolean dotsToUnderscores, Map<String, String> keyMappings, List<String> timestampFormats, boolean parquet, String compression,
        long blockSizeBytes, int pageSizeBytes, boolean dictionary, long stripeSizeBytes, int rowIndexStride,
        List<String> bloomFilterColumns) {

    /** The configuration as given; {@code enabled} false when there is none or it is disabled. */
    public static DataFormatConversion of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new DataFormatConversion(false, null, null, true, true, false, Map.of(), List.of(), true, "SNAPPY",
                    256L << 20, 1 << 20, true, 64L << 20, 10_000, List.of());
        }
        JsonNode schema = node.path("SchemaConfiguration");
        JsonNode deserializer = node.path("InputFormatConfiguration").path("Deserializer");
        JsonNode openX = deserializer.path("OpenXJsonSerDe");
        JsonNode serializer = node.path("OutputFormatConfiguration").path("Serializer");
        JsonNode parquet = serializer.path("ParquetSerDe");
        JsonNode orc = serializer.path("OrcSerDe");
        boolean isParquet = !parquet.isMissingNode() || orc.isMissingNode();
        Map<String, String> mappings = new LinkedHashMap<>();
        openX.path("ColumnToJsonKeyMappings").properties().forEach(e -> mappings.put(e.getKey().toLowerCase(), e.getValue().asText()));
        List<String> formats = new ArrayList<>();
        deserializer.path("HiveJsonSerDe").path("TimestampFormats").forEach(f -> formats.add(f.asText()));
        List<String> bloom = new ArrayList<>();
        orc.path("BloomFilterColumns").forEach(c -> bloom.add(c.asText()));
        return new DataFormatConversion(node.path("Enabled").asBoolean(true),
                schema.path("DatabaseName").asText(null), schema.path("TableName").asText(null),
                deserializer.path("HiveJsonSerDe").isMissingNode(), openX.path("CaseInsensitive").asBoolean(true),
                openX.path("ConvertDotsInJsonKeysToUnderscores").asBoolean(false), mappings, formats, isParquet,
                isParquet ? parquet.path("Compression").asText("SNAPPY") : orc.path("Compression").asText("SNAPPY"),
                (isParquet ? parquet : orc).path("BlockSizeBytes").asLong(256L << 20),
                parquet.path("PageSizeBytes").asInt(1 << 20), parquet.path("EnableDictionaryCompression").asBoolean(true),
                orc.path("StripeSizeBytes").asLong(64L << 20), orc.path("RowIndexStride").asInt(10_000), bloom);
    }

    /** Adds the model's constraints under {@code path} (the serializers' enums and sizes). */
    public static Violations check(JsonNode node, Violations violations, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return violations;
        }
        JsonNode parquet = node.path("OutputFormatConfiguration").path("Serializer").path("ParquetSerDe");
        JsonNode orc = node.path("OutputFormatConfiguration").path("Serializer").path("OrcSerDe");
        String serializer = path + ".outputFormatConfiguration.serializer";
        return violations
                .oneOf(serializer + ".parquetSerDe.compression", parquet.path("Compression").asText(null), List.of("UNCOMPRESSED", "GZIP", "SNAPPY"))
                .oneOf(serializer + ".parquetSerDe.writerVersion", parquet.path("WriterVersion").asText(null), List.of("V1", "V2"))
                .range(serializer + ".parquetSerDe.blockSizeBytes", intOrNull(parquet.path("BlockSizeBytes")), 64L << 20, Integer.MAX_VALUE)
                .range(serializer + ".parquetSerDe.pageSizeBytes", intOrNull(parquet.path("PageSizeBytes")), 64 << 10, Integer.MAX_VALUE)
                .oneOf(serializer + ".orcSerDe.compression", orc.path("Compression").asText(null), List.of("NONE", "ZLIB", "SNAPPY"))
                .oneOf(serializer + ".orcSerDe.formatVersion", orc.path("FormatVersion").asText(null), List.of("V0_11", "V0_12"))
                .range(serializer + ".orcSerDe.stripeSizeBytes", intOrNull(orc.path("StripeSizeBytes")), 8 << 20, Integer.MAX_VALUE)
                .range(serializer + ".orcSerDe.blockSizeBytes", intOrNull(orc.path("BlockSizeBytes")), 64L << 20, Integer.MAX_VALUE)
                .range(serializer + ".orcSerDe.rowIndexStride", intOrNull(orc.path("RowIndexStride")), 1000, Integer.MAX_VALUE);
    }

    private static Integer intOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asInt();
    }

    /**
     * The rules across members, answered with InvalidArgumentException: one deserializer, one
     * serializer, a database and a table.
     */
    public static void checkConsistent(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || !node.path("Enabled").asBoolean(true)) {
            return;
        }
        JsonNode deserializer = node.path("InputFormatConfiguration").path("Deserializer");
        if (deserializer.path("OpenXJsonSerDe").isMissingNode() == deserializer.path("HiveJsonSerDe").isMissingNode()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Exactly one of OpenXJsonSerDe and HiveJsonSerDe must be given as the Deserializer.");
        }
        JsonNode serializer = node.path("OutputFormatConfiguration").path("Serializer");
        if (serializer.path("ParquetSerDe").isMissingNode() == serializer.path("OrcSerDe").isMissingNode()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Exactly one of ParquetSerDe and OrcSerDe must be given as the Serializer.");
        }
        JsonNode schema = node.path("SchemaConfiguration");
        if (schema.path("DatabaseName").asText("").isEmpty() || schema.path("TableName").asText("").isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("SchemaConfiguration must name a DatabaseName and a TableName.");
        }
    }

    /** What ends the names of the files: .parquet or .orc. */
    public String extension() {
        return parquet ? ".parquet" : ".orc";
    }
}
