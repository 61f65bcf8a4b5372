package io.sluice.streams.stream;

import io.sluice.streams.topic.StreamTopics;
import io.sluice.streams.topic.StreamWriteGate;
import io.sluice.common.error.RetryPolicy;
import io.sluice.streams.config.DaemonThreads;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.ConsumerStatus;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.StoredConsumer;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.metadata.StreamStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final RetryPolicy retries = RetryPolicy.background();

    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("stream-lifecycle", false));

    private final KafkaProducer<byte[], byte[]> producer;
    private final StreamWriteGate gate;
    private final long sealDelayMillis;
    private final long consumerDelayMillis;

    StreamLifecycle(StreamStore store, StreamTopics topics, StreamCatalog catalog, ApplicationEventPublisher events,
            KafkaProducer<byte[], byte[]> recordProducer, StreamWriteGate gate, StreamsProperties properties) {
        this.store = store;
        this.consumerDelayMillis = properties.consumerTransitionDelay().toMillis();
        this.gate = gate;
        this.producer = recordProducer;
        // Another instance routes writes by a snapshot up to one cache TTL old: wait that long, and a
        // margin, before taking the closed shards' end offsets.
        this.sealDelayMillis = properties.metadataCacheTtl().toMillis() + 200;
        this.events = events;
        this.topics = topics;
        this.catalog = catalog;
    }

    void activate(long id) {
        executor.execute(() -> run("activate", id, 1, () -> {
            StoredStream stream = store.find(id).orElse(null);
            if (stream == null || stream.status() != StreamStatus.CREATING) {
                return;
            }
            topics.create(stream.topic(), stream.shards().size(), stream.retentionHours());
            store.update(id, s -> s.status() == StreamStatus.CREATING ? s.withStatus(StreamStatus.ACTIVE) : s);
            catalog.invalidate(stream.key(), id);
        }));
    }

    void remove(long id) {
        executor.execute(() -> run("delete", id, 1, () -> {
            StoredStream stream = store.find(id).orElse(null);
            if (stream == null) {
                return;
            }
            topics.delete(stream.topic());
            store.delete(id);
            catalog.invalidate(stream.key(), id);
            gate.forget(id);
            events.publishEvent(new StreamDeleted(stream.key(), stream.topic()));
        }));
    }

    /**
     * Records where the stream's newly closed shards end and turns the stream ACTIVE again: after the
     * snapshot cache TTL (no instance routes writes to them any more) and a producer flush (the writes
     * routed to them before have landed), their log end offsets are their ending offsets.
     */
    public void seal(long id) {
        executor.schedule(() -> run("seal closed shards of", id, 1, () -> {
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
        }), sealDelayMillis, TimeUnit.MILLISECONDS);
    }

    /** Turns a registered consumer ACTIVE after the configured transition delay. */
    public void activateConsumer(long consumerId) {
        executor.schedule(() -> run("activate consumer", consumerId, 1,
                () -> store.updateConsumer(consumerId,
                        c -> c.status() == ConsumerStatus.CREATING ? c.withStatus(ConsumerStatus.ACTIVE) : c)),
                consumerDelayMillis, TimeUnit.MILLISECONDS);
    }

    /** Removes a DELETING consumer after the configured transition delay. */
    public void removeConsumer(long consumerId) {
        executor.schedule(() -> run("remove consumer", consumerId, 1,
                () -> store.consumer(consumerId)
                        .filter(c -> c.status() == ConsumerStatus.DELETING)
                        .ifPresent(c -> store.deleteConsumer(consumerId))),
                consumerDelayMillis, TimeUnit.MILLISECONDS);
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

    private void run(String what, long id, int attempt, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (!retries.isRetriable(e)) {
                log.error("Could not {} stream {}; giving up: the failure is permanent", what, id, e);
                return;
            }
            long wait = retries.backoff(attempt).toMillis();
            log.warn("Could not {} stream {}; retrying in {} ms", what, id, wait, e);
            if (!executor.isShutdown()) {
                executor.schedule(() -> run(what, id, attempt + 1, task), wait, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
