package io.sluice.firehose.schema;

import io.sluice.common.account.Caller;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.endpoint.CallerScope;
import io.sluice.firehose.schema.GlueShapes.ColumnShape;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The schema catalogue as the Glue Data Catalog API serves it — CreateDatabase, GetDatabase,
 * DeleteDatabase, CreateTable, GetTable, GetTables, UpdateTable, DeleteTable — so that
 * {@code aws glue create-table} and the SDKs' Glue clients manage the schemas DataFormatConversion
 * reads. Names are kept lower-case, as Glue keeps them; every column type must be a Hive type the
 * Parquet and ORC writers know.
 */
@Service
public class GlueCatalog {
    /** Glue's single-line string pattern for names. */
    private static final Pattern NAME = Pattern.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*");

    private final SchemaCatalog catalog;
    private final CallerScope callers;
    private final Clock clock;

    GlueCatalog(SchemaCatalog catalog, CallerScope callers, Clock clock) {
        this.catalog = catalog;
        this.callers = callers;
        this.clock = clock;
    }

    public void createDatabase(GlueShapes.CreateDatabaseRequest request) {
        GlueShapes.DatabaseInput input = request.databaseInput();
        Violations.check().notNull("databaseInput", input).raise();
        String name = name("databaseInput.name", input.name());
        if (!catalog.createDatabase(callers.current(), name, input.description(), clock.instant())) {
            throw ErrorCode.ALREADY_EXISTS.exception("Database already exists.");
        }
    }

    public GlueShapes.GetDatabaseResponse getDatabase(GlueShapes.DatabaseNameRequest request) {
        Caller caller = callers.current();
        String name = name("name", request.name());
        Instant created = catalog.database(caller, name)
                .orElseThrow(() -> ErrorCode.ENTITY_NOT_FOUND.exception("Database %s not found.", name));
        return new GlueShapes.GetDatabaseResponse(new GlueShapes.Database(name, created, caller.accountId()));
    }

    public void deleteDatabase(GlueShapes.DatabaseNameRequest request) {
        String name = name("name", request.name());
        if (!catalog.deleteDatabase(callers.current(), name)) {
            throw ErrorCode.ENTITY_NOT_FOUND.exception("Database %s not found.", name);
        }
    }

    public void createTable(GlueShapes.TableInputRequest request) {
        Caller caller = callers.current();
        String database = existingDatabase(caller, request.databaseName());
        Violations.check().notNull("tableInput", request.tableInput()).raise();
        String name = name("tableInput.name", request.tableInput().name());
        Instant now = clock.instant();
        if (!catalog.createTable(caller, new TableSchema(database, name, columns(request.tableInput()), now, now, 0))) {
            throw ErrorCode.ALREADY_EXISTS.exception("Table already exists.");
        }
    }

    public GlueShapes.GetTableResponse getTable(GlueShapes.TableNameRequest request) {
        Caller caller = callers.current();
        String database = existingDatabase(caller, request.databaseName());
        String name = name("name", request.name());
        TableSchema table = catalog.table(caller, database, name)
                .orElseThrow(() -> ErrorCode.ENTITY_NOT_FOUND.exception("Table %s not found.", name));
        return new GlueShapes.GetTableResponse(shape(table, caller));
    }

    public GlueShapes.GetTablesResponse getTables(GlueShapes.GetTablesRequest request) {
        Caller caller = callers.current();
        String database = existingDatabase(caller, request.databaseName());
        return new GlueShapes.GetTablesResponse(catalog.tables(caller, database).stream().map(t -> shape(t, caller)).toList());
    }

    public void updateTable(GlueShapes.TableInputRequest request) {
        Caller caller = callers.current();
        String database = existingDatabase(caller, request.databaseName());
        Violations.check().notNull("tableInput", request.tableInput()).raise();
        String name = name("tableInput.name", request.tableInput().name());
        TableSchema current = catalog.table(caller, database, name)
                .orElseThrow(() -> ErrorCode.ENTITY_NOT_FOUND.exception("Table %s not found.", name));
        catalog.updateTable(caller, new TableSchema(database, name, columns(request.tableInput()), current.createdAt(),
                clock.instant(), current.versionId() + 1));
    }

    public void deleteTable(GlueShapes.TableNameRequest request) {
        Caller caller = callers.current();
        String database = existingDatabase(caller, request.databaseName());
        String name = name("name", request.name());
        if (!catalog.deleteTable(caller, database, name)) {
            throw ErrorCode.ENTITY_NOT_FOUND.exception("Table %s not found.", name);
        }
    }

    private String existingDatabase(Caller caller, String databaseName) {
        String database = name("databaseName", databaseName);
        if (catalog.database(caller, database).isEmpty()) {
            throw ErrorCode.ENTITY_NOT_FOUND.exception("Database %s not found.", database);
        }
        return database;
    }

    private static String name(String field, String value) {
        Violations.check().notNull(field, value).length(field, value, 1, 255).pattern(field, value, NAME).raise();
        return value.toLowerCase(Locale.ROOT);
    }

    private static List<TableSchema.Column> columns(GlueShapes.TableInput input) {
        List<ColumnShape> given = input.storageDescriptor() == null || input.storageDescriptor().columns() == null
                ? List.of() : input.storageDescriptor().columns();
        for (ColumnShape column : given) {
            if (column.name() == null || column.name().isBlank() || column.type() == null) {
                throw ErrorCode.INVALID_INPUT.exception("Every column needs a Name and a Type.");
            }
            try {
                HiveType.parse(column.type());
            } catch (IllegalArgumentException e) {
                throw ErrorCode.INVALID_INPUT.exception("Column %s has type %s, which is not a Hive type: %s",
                        column.name(), column.type(), e.getMessage());
            }
        }
        return given.stream().map(c -> new TableSchema.Column(c.name().toLowerCase(Locale.ROOT), c.type().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static GlueShapes.Table shape(TableSchema table, Caller caller) {
        List<ColumnShape> columns = table.columns().stream().map(c -> new ColumnShape(c.name(), c.type(), null)).toList();
        return new GlueShapes.Table(table.name(), table.database(), table.createdAt(), table.updatedAt(),
                new GlueShapes.StorageDescriptor(columns), String.valueOf(table.versionId()), caller.accountId());
    }
}
