package io.sluice.streams.stream;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves streams from CREATING to ACTIVE (once the topic exists) and out of DELETING (once the
 * topic is gone), in the background. A step that fails (Kafka unreachable, say) is retried with
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
    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 60_000;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stream-lifecycle");
        t.setDaemon(true);
        return t;
    });

    StreamLifecycle(StreamRepository repository, StreamTopics topics, StreamCatalog catalog, TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
        this.topics = topics;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    void activate(long id) {
        executor.execute(() -> run("activate", id, FIRST_RETRY_MILLIS, () -> {
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
        executor.execute(() -> run("delete", id, FIRST_RETRY_MILLIS, () -> {
            StreamEntity stream = repository.findById(id).orElse(null);
            if (stream == null) {
                return;
            }
            topics.delete(stream.getTopic());
            transactions.executeWithoutResult(tx -> repository.deleteById(id));
            catalog.invalidate(stream.key(), id);
            events.publishEvent(new StreamDeleted(stream.key(), stream.getTopic()));
        }));
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (StreamEntity stream : repository.findByStatusIn(List.of(StreamStatus.CREATING, StreamStatus.DELETING))) {
            if (stream.getStatus() == StreamStatus.CREATING) {
                activate(stream.getId());
            } else {
                remove(stream.getId());
            }
        }
    }

    private void run(String what, long id, long retryMillis, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Could not {} stream {}; retrying in {} ms", what, id, retryMillis, e);
            if (!executor.isShutdown()) {
                long next = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
                executor.schedule(() -> run(what, id, next, task), retryMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
