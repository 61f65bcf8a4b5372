package io.sluice.streams.stream;

import io.sluice.streams.topic.StreamTopics;
import io.sluice.streams.topic.StreamWriteGate;
import io.sluice.common.error.RetryPolicy;
import io.sluice.common.work.BackgroundSteps;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.ConsumerStatus;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.StoredConsumer;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.metadata.StreamStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves streams from CREATING to ACTIVE (once the topic exists), from UPDATING back to ACTIVE (once
 * a reshard's closed shards are sealed) and out of DELETING (once the topic is gone), and consumers
 * from CREATING to ACTIVE and out of DELETING, in the background. A step that fails (Kafka unreachable, say) is retried with
 * backoff; every step is idempotent. At start-up it finishes what a previous run left half done.
 */
@Component
public class StreamLifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamLifecycle.class);

    private final StreamStore store;
    private final StreamTopics topics;
    private final StreamCatalog catalog;
    private final ApplicationEventPublisher events;

    private final BackgroundSteps steps = new BackgroundSteps("stream-lifecycle", RetryPolicy.background());

    private final KafkaProducer<byte[], byte[]> producer;
    private final StreamWriteGate gate;
    private final Duration sealDelay;
    private final Duration consumerDelay;

    StreamLifecycle(StreamStore store, StreamTopics topics, StreamCatalog catalog, ApplicationEventPublisher events,
            KafkaProducer<byte[], byte[]> recordProducer, StreamWriteGate gate, StreamsProperties properties) {
        this.store = store;
        this.consumerDelay = properties.consumerTransitionDelay();
        this.gate = gate;
        this.producer = recordProducer;
        // Another instance routes writes by a snapshot up to one cache TTL old: wait that long, and a
        // margin, before taking the closed shards' end offsets.
        this.sealDelay = properties.metadataCacheTtl().plusMillis(200);
        this.events = events;
        this.topics = topics;
        this.catalog = catalog;
    }

    void activate(long id) {
        steps.execute("activate stream " + id, () -> {
            StoredStream stream = store.find(id).orElse(null);
            if (stream == null || stream.status() != StreamStatus.CREATING) {
                return;
            }
            topics.create(stream.topic(), stream.shards().size(), stream.retentionHours());
            store.update(id, s -> s.status() == StreamStatus.CREATING ? s.withStatus(StreamStatus.ACTIVE) : s);
            catalog.invalidate(stream.key(), id);
        });
    }

    void remove(long id) {
        steps.execute("delete stream " + id, () -> {
            StoredStream stream = store.find(id).orElse(null);
            if (stream == null) {
                return;
            }
            topics.delete(stream.topic());
            store.delete(id);
            catalog.invalidate(stream.key(), id);
            gate.forget(id);
            events.publishEvent(new StreamDeleted(stream.key(), stream.topic()));
        });
    }

    /**
     * Records where the stream's newly closed shards end and turns the stream ACTIVE again: after the
     * snapshot cache TTL (no instance routes writes to them any more) and a producer flush (the writes
     * routed to them before have landed), their log end offsets are their ending offsets.
     */
    public void seal(long id) {
        steps.schedule("seal the closed shards of stream " + id, sealDelay, () -> {
            StoredStream stream = store.find(id).orElse(null);
            if (stream == null || stream.status() != StreamStatus.UPDATING) {
                return;
            }
            gate.drain(id);
            producer.flush();
            List<Integer> pending = stream.shards().stream().filter(Shard::needsSealing).map(Shard::partition).toList();
            Map<Integer, Long> ends = pending.isEmpty() ? Map.of() : topics.endOffsets(stream.topic(), pending);
            store.update(id, s -> {
                StoredStream sealed = s.withShards(shards -> {
                    shards.replaceAll(shard -> shard.needsSealing() && ends.containsKey(shard.partition())
                            ? shard.sealedAt(ends.get(shard.partition()))
                            : shard);
                    return shards;
                });
                return sealed.status() == StreamStatus.UPDATING ? sealed.withStatus(StreamStatus.ACTIVE) : sealed;
            });
            catalog.invalidate(stream.key(), id);
        });
    }

    /** Turns a registered consumer ACTIVE after the configured transition delay. */
    public void activateConsumer(long consumerId) {
        steps.schedule("activate consumer " + consumerId, consumerDelay, () -> store.updateConsumer(consumerId,
                c -> c.status() == ConsumerStatus.CREATING ? c.withStatus(ConsumerStatus.ACTIVE) : c));
    }

    /** Removes a DELETING consumer after the configured transition delay. */
    public void removeConsumer(long consumerId) {
        steps.schedule("remove consumer " + consumerId, consumerDelay, () -> store.consumer(consumerId)
                .filter(c -> c.status() == ConsumerStatus.DELETING)
                .ifPresent(c -> store.deleteConsumer(consumerId)));
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (StoredStream stream : store.withStatus(List.of(StreamStatus.CREATING, StreamStatus.UPDATING, StreamStatus.DELETING))) {
            switch (stream.status()) {
                case CREATING -> activate(stream.id());
                case UPDATING -> seal(stream.id());
                default -> remove(stream.id());
            }
        }
        for (StoredConsumer consumer : store.consumersWithStatus(List.of(ConsumerStatus.CREATING, ConsumerStatus.DELETING))) {
            if (consumer.status() == ConsumerStatus.CREATING) {
                activateConsumer(consumer.id());
            } else {
                removeConsumer(consumer.id());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        steps.close();
    }
}
