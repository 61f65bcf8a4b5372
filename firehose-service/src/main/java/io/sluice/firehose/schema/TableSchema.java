package io.sluice.firehose.schema;

import java.time.Instant;
import java.util.List;

/**
 * A table of the schema catalogue: its columns with their Hive types, as DataFormatConversion's
 * {@code SchemaConfiguration} names it by database and table.
 *
 * @param versionId goes up with every UpdateTable
 */
public record TableSchema(String database, String name, List<Column> columns, Instant createdAt, Instant updatedAt, long versionId) {

    public TableSchema {
        columns = List.copyOf(columns);
    }

    /** A column: its name and Hive type ({@code string}, {@code bigint}, {@code array<struct<a:int>>}, …). */
    public record Column(String name, String type) {
    }
}
