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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The shard maps the record path routes by, served from memory. An entry is never served older than
 * {@code metadataCacheTtl} (counted from when its read began), so that changes made by another
 * instance of the service are seen within that time; changes made here invalidate it at once. An
 * entry in use is read again in the background once it is half that old, so that a request does
 * not wait for the metadata store: a synchronous read was 1 request in 100 at one put every 10 ms,
 * the tail of PutRecord's latency.
 */
@Component
public class StreamCatalog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamCatalog.class);

    private record Entry(Optional<Stream> stream, long loadedAt, AtomicBoolean refreshing) {
        Entry(Optional<Stream> stream, long loadedAt) {
            this(stream, loadedAt, new AtomicBoolean());
        }
    }

    private final StreamStore store;
    private final Clock clock;
    private final long ttlMillis;
    private final Executor refresher;
    private final ExecutorService ownRefresher;
    private final ConcurrentMap<StreamKey, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Entry> byId = new ConcurrentHashMap<>();

    @Autowired
    public StreamCatalog(StreamStore store, Clock clock, StreamsProperties properties) {
        this(store, clock, properties, null);
    }

    /** @param refresher where background reads run; null for a thread of the catalog's own */
    StreamCatalog(StreamStore store, Clock clock, StreamsProperties properties, Executor refresher) {
        this.store = store;
        this.clock = clock;
        this.ttlMillis = properties.metadataCacheTtl().toMillis();
        this.ownRefresher = refresher == null ? Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "stream-catalog-refresh");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.refresher = refresher == null ? ownRefresher : refresher;
    }

    /** The stream named by {@code key}, in whatever state it is. */
    public Optional<Stream> find(StreamKey key) {
        return lookup(byKey, key, () -> store.find(key));
    }

    /** The stream with database id {@code id}, as shard iterators name it. */
    public Optional<Stream> find(long id) {
        return lookup(byId, id, () -> store.find(id));
    }

    private <K> Optional<Stream> lookup(ConcurrentMap<K, Entry> entries, K key, Supplier<Optional<StoredStream>> read) {
        Entry entry = entries.get(key);
        long now = clock.millis();
        if (entry == null || now - entry.loadedAt() >= ttlMillis) {
            entry = new Entry(read.get().map(StoredStream::snapshot), now);
            entries.put(key, entry);
        } else if (now - entry.loadedAt() >= ttlMillis / 2 && entry.refreshing().compareAndSet(false, true)) {
            refreshLater(entries, key, entry, read);
        }
        return entry.stream();
    }

    /** Reads the entry again in the background; it replaces the old one unless that was invalidated or replaced meanwhile. */
    private <K> void refreshLater(ConcurrentMap<K, Entry> entries, K key, Entry old, Supplier<Optional<StoredStream>> read) {
        try {
            refresher.execute(() -> {
                long started = clock.millis();
                try {
                    entries.replace(key, old, new Entry(read.get().map(StoredStream::snapshot), started));
                } catch (RuntimeException e) {
                    old.refreshing().set(false); // the next request tries again, or reads it itself once it is too old
                    log.debug("Could not refresh the metadata of stream {}: {}", key, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            old.refreshing().set(false);
        }
    }

    @Override
    public void close() {
        if (ownRefresher != null) {
            ownRefresher.shutdownNow();
        }
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

}
