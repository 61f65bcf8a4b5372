package io.sluice.firehose.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.account.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The schema catalogue in the service's PostgreSQL database: tables {@code schema_database} and {@code schema_table}. */
@Component
class JdbcSchemaCatalog implements SchemaCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<TableSchema.Column>> COLUMNS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    JdbcSchemaCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean createDatabase(Caller owner, String name, String description, Instant at) {
        try {
            jdbc.sql("INSERT INTO schema_database (account_id, region, name, description, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(owner.accountId(), owner.region(), name, description, Timestamp.from(at)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public Optional<Instant> database(Caller owner, String name) {
        return jdbc.sql("SELECT created_at FROM schema_database WHERE account_id = ? AND region = ? AND name = ?")
                .params(owner.accountId(), owner.region(), name).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    @Override
    @Transactional
    public boolean deleteDatabase(Caller owner, String name) {
        jdbc.sql("DELETE FROM schema_table WHERE account_id = ? AND region = ? AND database_name = ?")
                .params(owner.accountId(), owner.region(), name).update();
        return jdbc.sql("DELETE FROM schema_database WHERE account_id = ? AND region = ? AND name = ?")
                .params(owner.accountId(), owner.region(), name).update() > 0;
    }

    @Override
    public boolean createTable(Caller owner, TableSchema table) {
        try {
            jdbc.sql("INSERT INTO schema_table (account_id, region, database_name, name, columns, created_at, updated_at, version_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(owner.accountId(), owner.region(), table.database(), table.name(), json(table.columns()),
                            Timestamp.from(table.createdAt()), Timestamp.from(table.updatedAt()), table.versionId())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public Optional<TableSchema> table(Caller owner, String database, String name) {
        return jdbc.sql("SELECT * FROM schema_table WHERE account_id = ? AND region = ? AND database_name = ? AND name = ?")
                .params(owner.accountId(), owner.region(), database, name).query(JdbcSchemaCatalog::table).optional();
    }

    @Override
    public List<TableSchema> tables(Caller owner, String database) {
        return jdbc.sql("SELECT * FROM schema_table WHERE account_id = ? AND region = ? AND database_name = ? ORDER BY name")
                .params(owner.accountId(), owner.region(), database).query(JdbcSchemaCatalog::table).list();
    }

    @Override
    public boolean updateTable(Caller owner, TableSchema table) {
        return jdbc.sql("UPDATE schema_table SET columns = ?, updated_at = ?, version_id = ? "
                        + "WHERE account_id = ? AND region = ? AND database_name = ? AND name = ?")
                .params(json(table.columns()), Timestamp.from(table.updatedAt()), table.versionId(),
                        owner.accountId(), owner.region(), table.database(), table.name())
                .update() > 0;
    }

    @Override
    public boolean deleteTable(Caller owner, String database, String name) {
        return jdbc.sql("DELETE FROM schema_table WHERE account_id = ? AND region = ? AND database_name = ? AND name = ?")
                .params(owner.accountId(), owner.region(), database, name).update() > 0;
    }

    private static TableSchema table(ResultSet row, int index) throws SQLException {
        try {
            return new TableSchema(row.getString("database_name"), row.getString("name"), JSON.readValue(row.getString("columns"), COLUMNS),
                    row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(), row.getLong("version_id"));
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable columns of table " + row.getString("name"), e);
        }
    }

    private static String json(List<TableSchema.Column> columns) {
        try {
            return JSON.writeValueAsString(columns);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
