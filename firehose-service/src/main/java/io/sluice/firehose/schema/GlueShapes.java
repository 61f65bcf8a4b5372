package io.sluice.firehose.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The wire shapes of the Glue Data Catalog operations Sluice serves, in Glue's member names. */
public final class GlueShapes {
    private GlueShapes() {
    }

    public record DatabaseInput(@JsonProperty("Name") String name, @JsonProperty("Description") String description) {
    }

    public record CreateDatabaseRequest(@JsonProperty("CatalogId") String catalogId,
            @JsonProperty("DatabaseInput") DatabaseInput databaseInput) {
    }

    /** GetDatabase and DeleteDatabase. */
    public record DatabaseNameRequest(@JsonProperty("CatalogId") String catalogId, @JsonProperty("Name") String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Database(@JsonProperty("Name") String name, @JsonProperty("CreateTime") Instant createTime,
            @JsonProperty("CatalogId") String catalogId) {
    }

    public record GetDatabaseResponse(@JsonProperty("Database") Database database) {
    }

    public record ColumnShape(@JsonProperty("Name") String name, @JsonProperty("Type") String type,
            @JsonProperty("Comment") String comment) {
    }

    public record StorageDescriptor(@JsonProperty("Columns") List<ColumnShape> columns) {
    }

    public record TableInput(@JsonProperty("Name") String name, @JsonProperty("Description") String description,
            @JsonProperty("StorageDescriptor") StorageDescriptor storageDescriptor) {
    }

    /** CreateTable and UpdateTable. */
    public record TableInputRequest(@JsonProperty("CatalogId") String catalogId, @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("TableInput") TableInput tableInput) {
    }

    /** GetTable and DeleteTable. */
    public record TableNameRequest(@JsonProperty("CatalogId") String catalogId, @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("Name") String name) {
    }

    public record GetTablesRequest(@JsonProperty("CatalogId") String catalogId, @JsonProperty("DatabaseName") String databaseName) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Table(@JsonProperty("Name") String name, @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("CreateTime") Instant createTime, @JsonProperty("UpdateTime") Instant updateTime,
            @JsonProperty("StorageDescriptor") StorageDescriptor storageDescriptor, @JsonProperty("VersionId") String versionId,
            @JsonProperty("CatalogId") String catalogId) {
    }

    public record GetTableResponse(@JsonProperty("Table") Table table) {
    }

    public record GetTablesResponse(@JsonProperty("TableList") List<Table> tableList) {
    }
}
