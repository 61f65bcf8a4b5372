package io.sluice.firehose.schema;

import io.sluice.common.account.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where databases and table schemas are kept: PostgreSQL in the service ({@link JdbcSchemaCatalog}),
 * memory in unit tests ({@link MemorySchemaCatalog}); both pass the same contract test. Names are
 * kept lower-case, as Glue keeps them.
 */
public interface SchemaCatalog {

    /** @return false when the owner has a database of that name already */
    boolean createDatabase(Caller owner, String name, String description, Instant at);

    /** When the database was created, empty when there is none. */
    Optional<Instant> database(Caller owner, String name);

    /** Deletes a database and its tables. @return whether there was one */
    boolean deleteDatabase(Caller owner, String name);

    /** @return false when the database has a table of that name already */
    boolean createTable(Caller owner, TableSchema table);

    Optional<TableSchema> table(Caller owner, String database, String name);

    /** The database's tables in name order. */
    List<TableSchema> tables(Caller owner, String database);

    /** Replaces a table's columns; @return whether there was such a table */
    boolean updateTable(Caller owner, TableSchema table);

    boolean deleteTable(Caller owner, String database, String name);
}
