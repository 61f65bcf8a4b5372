package io.sluice.gateway.auth;

import io.sluice.common.crypto.MasterKey;
import io.sluice.common.error.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access keys of a managed setup in PostgreSQL, their secrets sealed under the master key and
 * bound to their access key id (a sealed secret copied to another row does not open).
 */
public final class AccessKeyTable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccessKeyTable.class);

    private final JdbcClient jdbc;
    private final MasterKey masterKey;

    /** Brings the table's schema up to date (Flyway, history in {@code gateway_schema_history}). */
    public AccessKeyTable(DataSource dataSource, MasterKey masterKey) {
        if (!masterKey.configured()) {
            throw new IllegalStateException("An access key store needs a master key (sluice.gateway.auth.store.master-key)");
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/gateway").table("gateway_schema_history").load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.masterKey = masterKey;
    }

    /** Stores {@code key}, replacing the key of the same id. */
    public void put(AccessKey key) {
        byte[] sealed = masterKey.seal(key.secretAccessKey().getBytes(StandardCharsets.UTF_8), context(key.accessKeyId()));
        jdbc.sql("""
                INSERT INTO access_keys (access_key_id, sealed_secret, account_id, policy) VALUES (?, ?, ?, ?)
                ON CONFLICT (access_key_id) DO UPDATE SET sealed_secret = excluded.sealed_secret,
                    account_id = excluded.account_id, policy = excluded.policy, updated_at = now()""")
                .params(key.accessKeyId(), sealed, key.accountId(), key.policy())
                .update();
    }

    /** Every key whose secret opens with the master key; the others are left out, and logged. */
    public List<AccessKey> all() {
        List<AccessKey> keys = new ArrayList<>();
        jdbc.sql("SELECT access_key_id, sealed_secret, account_id, policy FROM access_keys").query(row -> {
            String id = row.getString(1);
            try {
                String secret = new String(masterKey.open(row.getBytes(2), context(id)), StandardCharsets.UTF_8);
                keys.add(new AccessKey(id, secret, row.getString(3), row.getString(4)));
            } catch (AwsException e) {
                log.error("Access key {} of the store is left out: its secret was not sealed under this master key for this key id", id);
            } catch (IllegalArgumentException e) {
                log.error("Access key {} of the store is left out: {}", id, e.getMessage());
            }
        });
        return keys;
    }

    private static byte[] context(String accessKeyId) {
        return ("sluice access key " + accessKeyId).getBytes(StandardCharsets.UTF_8);
    }
}
