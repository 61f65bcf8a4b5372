package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.firehose.config.FirehoseProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Delivery streams as puts and delivery see them: read from the store at most once per
 * {@code metadata-cache-ttl} each, so that a put does not cost a database query. A change made on
 * this instance is seen at once; one made on another instance within the TTL.
 */
@Component
public class DeliveryStreamCache {
    private final DeliveryStreamStore store;
    private final long ttlNanos;
    private final ConcurrentMap<Key, Entry> entries = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    DeliveryStreamCache(DeliveryStreamStore store, FirehoseProperties properties) {
        this(store, properties.metadataCacheTtl());
    }

    DeliveryStreamCache(DeliveryStreamStore store, Duration ttl) {
        this.store = store;
        this.ttlNanos = ttl.toNanos();
    }

    public Optional<DeliveryStream> find(Caller owner, String name) {
        Key key = new Key(owner, name);
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry == null || now - entry.readAt >= ttlNanos) {
            entry = new Entry(store.find(owner, name).orElse(null), now);
            entries.put(key, entry);
        }
        return Optional.ofNullable(entry.stream);
    }

    /** Forgets what is known of a delivery stream after this instance changed it. */
    public void evict(Caller owner, String name) {
        entries.remove(new Key(owner, name));
    }

    private record Key(Caller owner, String name) {
    }

    private record Entry(DeliveryStream stream, long readAt) {
    }
}
