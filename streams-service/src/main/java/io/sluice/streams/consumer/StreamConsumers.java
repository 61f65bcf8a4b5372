package io.sluice.streams.consumer;

import io.sluice.common.arn.ConsumerArn;
import io.sluice.common.error.ErrorCode;
import io.sluice.streams.metadata.ConsumerStatus;
import io.sluice.streams.metadata.StoredConsumer;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamConsumer;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.metadata.StreamStore;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamLifecycle;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The enhanced fan-out consumers of streams: registered CREATING, ACTIVE after a short delay, at
 * most 20 per stream; deregistered DELETING, then gone.
 */
@Component
public class StreamConsumers {
    /** Consumers a stream can have registered at once (Kinesis: 20). */
    public static final int MAX_PER_STREAM = 20;

    private final StreamStore store;
    private final StreamLifecycle lifecycle;
    private final Clock clock;

    StreamConsumers(StreamStore store, StreamLifecycle lifecycle, Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException
     *     (the name is taken, or the stream is not ACTIVE), LimitExceededException (20 consumers)
     */
    public StreamConsumer register(StreamKey key, String name, Map<String, String> tags) {
        Instant now = clock.instant();
        StreamConsumer consumer;
        try {
            consumer = store.inTransaction(() -> {
                StoredStream stream = existingStream(key);
                if (stream.status() != StreamStatus.ACTIVE && stream.status() != StreamStatus.UPDATING) {
                    throw StreamCatalog.notActive(key, stream.status());
                }
                if (store.consumer(stream.id(), name).isPresent()) {
                    throw inUse(key, name);
                }
                if (store.countConsumers(stream.id()) >= MAX_PER_STREAM) {
                    throw ErrorCode.LIMIT_EXCEEDED.exception(
                            "Stream %s under account %s has reached its limit of %d registered consumers.", key.name(),
                            key.accountId(), MAX_PER_STREAM);
                }
                return store.addConsumer(new StoredConsumer(null, stream.id(), name, ConsumerStatus.CREATING, now, tags, null))
                        .toConsumer(key);
            });
        } catch (StreamStore.NameTakenException e) {
            throw inUse(key, name);
        }
        lifecycle.activateConsumer(consumer.id());
        return consumer;
    }

    /** @throws io.sluice.common.error.AwsException ResourceNotFoundException (the stream or the consumer) */
    public StreamConsumer find(StreamKey key, String name) {
        return existing(key, name).toConsumer(key);
    }

    /** Consumers in name order after {@code afterName}, at most {@code max}; with the stream's creation time. */
    public List<StreamConsumer> list(StreamKey key, Instant streamCreatedAt, String afterName, int max) {
        StoredStream stream = existingStream(key);
        if (streamCreatedAt != null && !streamCreatedAt.equals(stream.createdAt())) {
            throw StreamCatalog.notFound(key);
        }
        return store.consumers(stream.id(), afterName, max).stream().map(c -> c.toConsumer(key)).toList();
    }

    /** Marks a consumer DELETING; it is removed shortly after. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public StreamConsumer deregister(StreamKey key, String name) {
        StoredConsumer existing = existing(key, name);
        StreamConsumer consumer = store.updateConsumer(existing.id(), c -> c.withStatus(ConsumerStatus.DELETING))
                .orElseThrow(() -> consumerNotFound(key, name)).toConsumer(key);
        lifecycle.removeConsumer(consumer.id());
        return consumer;
    }

    /** A copy of a consumer's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public Map<String, String> tags(ConsumerArn arn) {
        return Map.copyOf(existing(arn).tags());
    }

    /** Applies {@code change} to a consumer's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void updateTags(ConsumerArn arn, java.util.function.Consumer<Map<String, String>> change) {
        store.updateConsumer(existing(arn).id(), c -> c.withTags(tags -> {
            change.accept(tags);
            return tags;
        }));
    }

    /** A consumer's resource policy, null when it has none. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public String resourcePolicy(ConsumerArn arn) {
        return existing(arn).resourcePolicy();
    }

    /** Sets (or with null, deletes) a consumer's resource policy. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void setResourcePolicy(ConsumerArn arn, String policy) {
        store.updateConsumer(existing(arn).id(), c -> c.withResourcePolicy(policy));
    }

    /** The consumer an ARN names: its stream, its name and the registration it was issued for. */
    private StoredConsumer existing(ConsumerArn arn) {
        StreamKey key = new StreamKey(arn.stream().accountId(), arn.stream().region(), arn.stream().streamName());
        StoredConsumer consumer = existing(key, arn.consumerName());
        if (consumer.createdAt().getEpochSecond() != arn.creationEpochSeconds()) {
            throw ErrorCode.RESOURCE_NOT_FOUND.exception("Consumer %s not found.", arn);
        }
        return consumer;
    }

    private StoredConsumer existing(StreamKey key, String name) {
        return store.consumer(existingStream(key).id(), name).orElseThrow(() -> consumerNotFound(key, name));
    }

    private StoredStream existingStream(StreamKey key) {
        return store.find(key).orElseThrow(() -> StreamCatalog.notFound(key));
    }

    private static RuntimeException consumerNotFound(StreamKey key, String name) {
        return ErrorCode.RESOURCE_NOT_FOUND.exception("Consumer %s under stream %s not found for account %s.", name,
                key.name(), key.accountId());
    }

    private static RuntimeException inUse(StreamKey key, String name) {
        return ErrorCode.RESOURCE_IN_USE.exception("Consumer %s under stream %s already exists for account %s.", name,
                key.name(), key.accountId());
    }
}
