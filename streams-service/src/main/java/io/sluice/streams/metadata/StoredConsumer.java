package io.sluice.streams.metadata;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything the metadata store keeps of an enhanced fan-out consumer.
 *
 * @param id the store's id, null before it is registered
 * @param streamId the id of its stream
 */
public record StoredConsumer(Long id, long streamId, String name, ConsumerStatus status, Instant createdAt,
        Map<String, String> tags, String resourcePolicy) {

    public StoredConsumer {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** The consumer as the API reports it, named under {@code streamKey}. */
    public StreamConsumer toConsumer(StreamKey streamKey) {
        return new StreamConsumer(id, streamKey, name, status, createdAt);
    }

    public StoredConsumer withStatus(ConsumerStatus newStatus) {
        return new StoredConsumer(id, streamId, name, newStatus, createdAt, tags, resourcePolicy);
    }

    public StoredConsumer withTags(UnaryOperator<Map<String, String>> change) {
        return new StoredConsumer(id, streamId, name, status, createdAt, change.apply(new TreeMap<>(tags)), resourcePolicy);
    }

    public StoredConsumer withResourcePolicy(String policy) {
        return new StoredConsumer(id, streamId, name, status, createdAt, tags, policy);
    }

    StoredConsumer withId(long newId) {
        return new StoredConsumer(newId, streamId, name, status, createdAt, tags, resourcePolicy);
    }
}
