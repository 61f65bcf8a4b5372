package io.sluice.streams.stream;

import io.sluice.common.error.ErrorCode;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.metadata.StreamStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The shard maps the record path routes by, served from memory. An entry is re-read from the
 * metadata store after {@code metadataCacheTtl}, so that changes made by another instance of the
 * service are seen within that time; changes made here invalidate it at once.
 */
@Component
public class StreamCatalog {
    private record Entry(Optional<Stream> stream, long loadedAt) {
    }

    private final StreamStore store;
    private final Clock clock;
    private final long ttlMillis;
    private final ConcurrentMap<StreamKey, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Entry> byId = new ConcurrentHashMap<>();

    public StreamCatalog(StreamStore store, Clock clock, StreamsProperties properties) {
        this.store = store;
        this.clock = clock;
        this.ttlMillis = properties.metadataCacheTtl().toMillis();
    }

    /** The stream named by {@code key}, in whatever state it is. */
    public Optional<Stream> find(StreamKey key) {
        Entry entry = byKey.get(key);
        if (entry == null || stale(entry)) {
            entry = new Entry(store.find(key).map(StoredStream::snapshot), clock.millis());
            byKey.put(key, entry);
        }
        return entry.stream();
    }

    /** The stream with database id {@code id}, as shard iterators name it. */
    public Optional<Stream> find(long id) {
        Entry entry = byId.get(id);
        if (entry == null || stale(entry)) {
            entry = new Entry(store.find(id).map(StoredStream::snapshot), clock.millis());
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

    public static RuntimeException notFound(StreamKey key) {
        return ErrorCode.RESOURCE_NOT_FOUND.exception("Stream %s not found.", key);
    }

    /** ResourceInUseException for a change that needs an ACTIVE stream, worded as Kinesis words it. */
    /** AWS's LimitExceededException for a request that would take the account over its shard limit. */
    public static RuntimeException shardLimitExceeded(StreamKey key, long current, int limit, long additional) {
        return ErrorCode.LIMIT_EXCEEDED.exception("This request would exceed the shard limit for the account %s in %s. Current shard count "
                + "for the account: %d. Limit: %d. Number of additional shards that would have resulted from this request: %d. Refer to "
                + "the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits "
                + "and how to request higher limits.", key.accountId(), key.region(), current, limit, additional);
    }

    public static RuntimeException notActive(StreamKey key, StreamStatus status) {
        return ErrorCode.RESOURCE_IN_USE.exception("Stream %s under account %s not ACTIVE, instead in state %s",
                key.name(), key.accountId(), status);
    }

    private static boolean usable(Stream s) {
        return s.status() == StreamStatus.ACTIVE || s.status() == StreamStatus.UPDATING;
    }

    private boolean stale(Entry entry) {
        return clock.millis() - entry.loadedAt() >= ttlMillis;
    }
}
