package io.sluice.streams.stream;

import io.sluice.common.error.ErrorCode;
import io.sluice.streams.config.StreamsProperties;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shard maps the record path routes by, served from memory. An entry is re-read from the
 * database after {@code metadataCacheTtl}, so that changes made by another instance of the
 * service are seen within that time; changes made here invalidate it at once.
 */
@Component
public class StreamCatalog {
    private record Entry(Optional<Stream> stream, long loadedAt) {
    }

    private final StreamRepository repository;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final long ttlMillis;
    private final ConcurrentMap<StreamKey, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Entry> byId = new ConcurrentHashMap<>();

    StreamCatalog(StreamRepository repository, TransactionTemplate transactions, Clock clock, StreamsProperties properties) {
        this.repository = repository;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.clock = clock;
        this.ttlMillis = properties.metadataCacheTtl().toMillis();
    }

    /** The stream named by {@code key}, in whatever state it is. */
    public Optional<Stream> find(StreamKey key) {
        Entry entry = byKey.get(key);
        if (entry == null || stale(entry)) {
            entry = new Entry(readOnly.execute(tx -> repository.findByKey(key).map(StreamCatalog::toStream)), clock.millis());
            byKey.put(key, entry);
        }
        return entry.stream();
    }

    /** The stream with database id {@code id}, as shard iterators name it. */
    public Optional<Stream> find(long id) {
        Entry entry = byId.get(id);
        if (entry == null || stale(entry)) {
            entry = new Entry(readOnly.execute(tx -> repository.findWithShards(id).map(StreamCatalog::toStream)), clock.millis());
            byId.put(id, entry);
        }
        return entry.stream();
    }

    /**
     * The stream named by {@code key}, in whatever state it is.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException when there is none
     */
    public Stream require(StreamKey key) {
        return find(key).orElseThrow(() -> notFound(key));
    }

    /**
     * An ACTIVE (or UPDATING) stream, the state in which it takes reads and writes.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException otherwise
     */
    public Stream requireActive(StreamKey key) {
        return find(key).filter(StreamCatalog::usable).orElseThrow(() -> notFound(key));
    }

    public Stream requireActive(long id) {
        return find(id).filter(StreamCatalog::usable).orElseThrow(
                () -> ErrorCode.RESOURCE_NOT_FOUND.exception("The stream this shard iterator belongs to no longer exists"));
    }

    /** Drops the cached state of a stream after a change to it. */
    public void invalidate(StreamKey key, Long id) {
        byKey.remove(key);
        if (id != null) {
            byId.remove(id);
        }
    }

    static RuntimeException notFound(StreamKey key) {
        return ErrorCode.RESOURCE_NOT_FOUND.exception("Stream %s not found.", key);
    }

    /** ResourceInUseException for a change that needs an ACTIVE stream, worded as Kinesis words it. */
    static RuntimeException notActive(StreamKey key, StreamStatus status) {
        return ErrorCode.RESOURCE_IN_USE.exception("Stream %s under account %s not ACTIVE, instead in state %s",
                key.name(), key.accountId(), status);
    }

    static Stream toStream(StreamEntity e) {
        return new Stream(e.getId(), e.key(), e.getTopic(), e.getStatus(), e.getMode(), e.getRetentionHours(),
                e.getEncryptionType(), e.getKmsKeyId(), e.getDataKeyId(), e.getMaxRecordSizeKiB(), e.getShardLevelMetrics(), e.getCreatedAt(), e.getShards().stream().map(ShardEntity::toShard).toList());
    }

    private static boolean usable(Stream s) {
        return s.status() == StreamStatus.ACTIVE || s.status() == StreamStatus.UPDATING;
    }

    private boolean stale(Entry entry) {
        return clock.millis() - entry.loadedAt() >= ttlMillis;
    }
}
