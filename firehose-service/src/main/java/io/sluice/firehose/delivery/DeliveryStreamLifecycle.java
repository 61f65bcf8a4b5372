package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.common.error.RetryPolicy;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.firehose.destination.BucketProbe;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves delivery streams out of CREATING (ACTIVE once the destination's bucket is there,
 * CREATING_FAILED when it is not) and out of DELETING (gone), in the background, after the
 * configured transition delay. A step that fails for a passing reason (S3 unreachable) is retried
 * as the shared retry policy says. At start-up it finishes what a previous run left half done.
 */
@Component
class DeliveryStreamLifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryStreamLifecycle.class);

    private final DeliveryStreamStore store;
    private final BucketProbe buckets;
    private final Clock clock;
    private final long delayMillis;
    private final RetryPolicy retries = RetryPolicy.background();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "delivery-stream-lifecycle");
        thread.setDaemon(true);
        return thread;
    });

    DeliveryStreamLifecycle(DeliveryStreamStore store, BucketProbe buckets, Clock clock, FirehoseProperties properties) {
        this.store = store;
        this.buckets = buckets;
        this.clock = clock;
        this.delayMillis = properties.transitionDelay().toMillis();
    }

    void activate(Caller owner, String name) {
        schedule("activate", owner, name, 1, () -> {
            DeliveryStream stream = store.find(owner, name).orElse(null);
            if (stream == null || !stream.status().equals("CREATING")) {
                return;
            }
            String bucket = stream.destination().s3().bucket();
            boolean exists = buckets.exists(bucket);
            store.update(owner, name, s -> !s.status().equals("CREATING") ? s
                    : exists ? s.withStatus("ACTIVE", null, clock.instant())
                    : s.withStatus("CREATING_FAILED", new FailureDescription("UNKNOWN_ERROR",
                            "The S3 bucket " + bucket + " does not exist."), clock.instant()));
        });
    }

    void remove(Caller owner, String name) {
        schedule("delete", owner, name, 1, () -> {
            store.find(owner, name).filter(s -> s.status().equals("DELETING")).ifPresent(s -> store.delete(owner, name));
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (DeliveryStream stream : store.withStatus(List.of("CREATING", "DELETING"))) {
            if (stream.status().equals("CREATING")) {
                activate(stream.owner(), stream.name());
            } else {
                remove(stream.owner(), stream.name());
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void schedule(String what, Caller owner, String name, int attempt, Step step) {
        if (executor.isShutdown()) {
            return; // shutting down: the next start resumes it
        }
        long wait = attempt == 1 ? delayMillis : retries.backoff(attempt - 1).toMillis();
        executor.schedule(() -> {
            try {
                step.run();
            } catch (Exception e) {
                if (retries.isRetriable(e) && !executor.isShutdown()) {
                    log.warn("Could not {} delivery stream {} of {}; retrying", what, name, owner, e);
                    schedule(what, owner, name, attempt + 1, step);
                } else {
                    log.error("Could not {} delivery stream {} of {}; giving up", what, name, owner, e);
                }
            }
        }, wait, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
