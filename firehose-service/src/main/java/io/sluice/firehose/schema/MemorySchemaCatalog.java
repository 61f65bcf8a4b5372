package io.sluice.firehose.schema;

import io.sluice.common.account.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The in-memory twin of the schema catalogue, for unit tests of the logic above it. */
public final class MemorySchemaCatalog implements SchemaCatalog {
    private record DatabaseKey(Caller owner, String name) {
    }

    private final Map<DatabaseKey, Instant> databases = new ConcurrentHashMap<>();
    private final Map<DatabaseKey, ConcurrentSkipListMap<String, TableSchema>> tables = new ConcurrentHashMap<>();

    @Override
    public boolean createDatabase(Caller owner, String name, String description, Instant at) {
        return databases.putIfAbsent(new DatabaseKey(owner, name), at) == null;
    }

    @Override
    public Optional<Instant> database(Caller owner, String name) {
        return Optional.ofNullable(databases.get(new DatabaseKey(owner, name)));
    }

    @Override
    public boolean deleteDatabase(Caller owner, String name) {
        tables.remove(new DatabaseKey(owner, name));
        return databases.remove(new DatabaseKey(owner, name)) != null;
    }

    @Override
    public boolean createTable(Caller owner, TableSchema table) {
        return tablesOf(owner, table.database()).putIfAbsent(table.name(), table) == null;
    }

    @Override
    public Optional<TableSchema> table(Caller owner, String database, String name) {
        return Optional.ofNullable(tablesOf(owner, database).get(name));
    }

    @Override
    public List<TableSchema> tables(Caller owner, String database) {
        return List.copyOf(tablesOf(owner, database).values());
    }

    @Override
    public boolean updateTable(Caller owner, TableSchema table) {
        return tablesOf(owner, table.database()).replace(table.name(), table) != null;
    }

    @Override
    public boolean deleteTable(Caller owner, String database, String name) {
        return tablesOf(owner, database).remove(name) != null;
    }

    private ConcurrentSkipListMap<String, TableSchema> tablesOf(Caller owner, String database) {
        return tables.computeIfAbsent(new DatabaseKey(owner, database), k -> new ConcurrentSkipListMap<>());
    }
}
