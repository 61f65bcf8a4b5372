package io.sluice.streams.stream;

import io.sluice.common.error.RetryPolicy;
import io.sluice.streams.config.DaemonThreads;
import io.sluice.streams.config.StreamsProperties;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves streams from CREATING to ACTIVE (once the topic exists), from UPDATING back to ACTIVE (once
 * a reshard's closed shards are sealed) and out of DELETING (once the topic is gone), and consumers
 * from CREATING to ACTIVE and out of DELETING, in the background. A step that fails (Kafka unreachable, say) is retried with
 * backoff; every step is idempotent. At start-up it finishes what a previous run left half done.
 */
@Component
class StreamLifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamLifecycle.class);

    private final StreamRepository repository;
    private final StreamTopics topics;
    private final StreamCatalog catalog;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final RetryPolicy retries = RetryPolicy.background();

    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("stream-lifecycle", false));

    private final KafkaProducer<byte[], byte[]> producer;
    private final StreamWriteGate gate;
    private final ConsumerRepository consumers;
    private final long sealDelayMillis;
    private final long consumerDelayMillis;

    StreamLifecycle(StreamRepository repository, StreamTopics topics, StreamCatalog catalog, TransactionTemplate transactions,
            ApplicationEventPublisher events, KafkaProducer<byte[], byte[]> recordProducer, StreamWriteGate gate,
            ConsumerRepository consumers, StreamsProperties properties) {
        this.repository = repository;
        this.consumers = consumers;
        this.consumerDelayMillis = properties.consumerTransitionDelay().toMillis();
        this.gate = gate;
        this.producer = recordProducer;
        // Another instance routes writes by a snapshot up to one cache TTL old: wait that long, and a
        // margin, before taking the closed shards' end offsets.
        this.sealDelayMillis = properties.metadataCacheTtl().toMillis() + 200;
        this.events = events;
        this.topics = topics;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    void activate(long id) {
        executor.execute(() -> run("activate", id, 1, () -> {
            StreamEntity stream = repository.findWithShards(id).orElse(null);
            if (stream == null || stream.getStatus() != StreamStatus.CREATING) {
                return;
            }
            topics.create(stream.getTopic(), stream.getShards().size(), stream.getRetentionHours());
            transactions.executeWithoutResult(tx -> repository.findById(id)
                    .filter(s -> s.getStatus() == StreamStatus.CREATING)
                    .ifPresent(s -> s.setStatus(StreamStatus.ACTIVE)));
            catalog.invalidate(stream.key(), id);
        }));
    }

    void remove(long id) {
        executor.execute(() -> run("delete", id, 1, () -> {
            StreamEntity stream = repository.findById(id).orElse(null);
            if (stream == null) {
                return;
            }
            topics.delete(stream.getTopic());
            transactions.executeWithoutResult(tx -> repository.deleteById(id));
            catalog.invalidate(stream.key(), id);
            gate.forget(id);
            events.publishEvent(new StreamDeleted(stream.key(), stream.getTopic()));
        }));
    }

    /**
     * Records where the stream's newly closed shards end and turns the stream ACTIVE again: after the
     * snapshot cache TTL (no instance routes writes to them any more) and a producer flush (the writes
     * routed to them before have landed), their log end offsets are their ending offsets.
     */
    void seal(long id) {
        executor.schedule(() -> run("seal closed shards of", id, 1, () -> {
            StreamEntity stream = repository.findWithShards(id).orElse(null);
            if (stream == null || stream.getStatus() != StreamStatus.UPDATING) {
                return;
            }
            gate.drain(id);
            producer.flush();
            List<Integer> pending = stream.getShards().stream().filter(ShardEntity::needsSealing).map(ShardEntity::index).toList();
            Map<Integer, Long> ends = pending.isEmpty() ? Map.of() : topics.endOffsets(stream.getTopic(), pending);
            transactions.executeWithoutResult(tx -> repository.findWithShards(id).ifPresent(s -> {
                s.getShards().stream().filter(ShardEntity::needsSealing).forEach(shard -> shard.seal(ends.get(shard.index())));
                if (s.getStatus() == StreamStatus.UPDATING) {
                    s.setStatus(StreamStatus.ACTIVE);
                }
            }));
            catalog.invalidate(stream.key(), id);
        }), sealDelayMillis, TimeUnit.MILLISECONDS);
    }

    /** Turns a registered consumer ACTIVE after the configured transition delay. */
    void activateConsumer(long consumerId) {
        executor.schedule(() -> run("activate consumer", consumerId, 1,
                () -> transactions.executeWithoutResult(tx -> consumers.findById(consumerId)
                        .filter(c -> c.getStatus() == ConsumerStatus.CREATING)
                        .ifPresent(c -> c.setStatus(ConsumerStatus.ACTIVE)))),
                consumerDelayMillis, TimeUnit.MILLISECONDS);
    }

    /** Removes a DELETING consumer after the configured transition delay. */
    void removeConsumer(long consumerId) {
        executor.schedule(() -> run("remove consumer", consumerId, 1,
                () -> transactions.executeWithoutResult(tx -> consumers.findById(consumerId)
                        .filter(c -> c.getStatus() == ConsumerStatus.DELETING)
                        .ifPresent(consumers::delete))),
                consumerDelayMillis, TimeUnit.MILLISECONDS);
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (StreamEntity stream : repository.findByStatusIn(
                List.of(StreamStatus.CREATING, StreamStatus.UPDATING, StreamStatus.DELETING))) {
            switch (stream.getStatus()) {
                case CREATING -> activate(stream.getId());
                case UPDATING -> seal(stream.getId());
                default -> remove(stream.getId());
            }
        }
        for (ConsumerEntity consumer : consumers.findByStatusIn(List.of(ConsumerStatus.CREATING, ConsumerStatus.DELETING))) {
            if (consumer.getStatus() == ConsumerStatus.CREATING) {
                activateConsumer(consumer.getId());
            } else {
                removeConsumer(consumer.getId());
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
