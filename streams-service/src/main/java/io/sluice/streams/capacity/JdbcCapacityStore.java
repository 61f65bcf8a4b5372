package io.sluice.streams.capacity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The capacity settings in the streams database (tables account_settings and warm_throughput). */
@Repository
class JdbcCapacityStore implements CapacityStore {
    private final JdbcClient jdbc;

    JdbcCapacityStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public Optional<Commitment> commitment(String accountId, String region) {
        return jdbc.sql("SELECT commitment_status, started_at, ended_at, earliest_allowed_end_at FROM account_settings "
                        + "WHERE account_id = ? AND region = ?")
                .params(accountId, region)
                .query((row, n) -> new Commitment(row.getString(1), instant(row.getTimestamp(2)), instant(row.getTimestamp(3)),
                        instant(row.getTimestamp(4))))
                .optional();
    }

    @Override
    public void saveCommitment(String accountId, String region, Commitment c) {
        jdbc.sql("""
                INSERT INTO account_settings (account_id, region, commitment_status, started_at, ended_at, earliest_allowed_end_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, region) DO UPDATE SET commitment_status = excluded.commitment_status,
                    started_at = excluded.started_at, ended_at = excluded.ended_at, earliest_allowed_end_at = excluded.earliest_allowed_end_at""")
                .params(accountId, region, c.status(), timestamp(c.startedAt()), timestamp(c.endedAt()), timestamp(c.earliestAllowedEndAt()))
                .update();
    }

    @Override
    public Optional<Integer> warmThroughput(long streamId) {
        return jdbc.sql("SELECT target_mibps FROM warm_throughput WHERE stream_id = ?").param(streamId).query(Integer.class).optional();
    }

    @Override
    public void saveWarmThroughput(long streamId, int targetMiBps) {
        jdbc.sql("INSERT INTO warm_throughput (stream_id, target_mibps) VALUES (?, ?) "
                        + "ON CONFLICT (stream_id) DO UPDATE SET target_mibps = excluded.target_mibps")
                .params(streamId, targetMiBps).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
