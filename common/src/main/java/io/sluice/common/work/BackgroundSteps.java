package io.sluice.common.work;

import io.sluice.common.error.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps of a service's background work (a stream's lifecycle, a delivery stream's) on one daemon
 * thread: each runs after its delay and, when it fails, again after the {@link RetryPolicy}'s
 * backoff for as long as the failure is worth retrying; a permanent failure is logged and dropped.
 * Steps must be idempotent: a step cut short by a restart, or still waiting at shutdown, is run
 * again from the start by the next start's resumption.
 */
public final class BackgroundSteps implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundSteps.class);

    /** A step; it may throw whatever it fails with, the policy decides. */
    public interface Step {
        void run() throws Exception;
    }

    private final RetryPolicy retries;
    private final ScheduledThreadPoolExecutor executor;

    public BackgroundSteps(String threadName, RetryPolicy retries) {
        this.retries = retries;
        this.executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named(threadName, false));
        // A step still waiting for its delay at shutdown is dropped: the next start resumes it.
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code step} now, in the background. */
    public void execute(String what, Step step) {
        schedule(what, Duration.ZERO, step);
    }

    /**
     * Runs {@code step} after {@code delay}, retrying it as the policy says.
     *
     * @param what what the step does, for the log ("activate stream 12")
     */
    public void schedule(String what, Duration delay, Step step) {
        submit(what, delay.toMillis(), 1, step);
    }

    private void submit(String what, long delayMillis, int attempt, Step step) {
        try {
            executor.schedule(() -> run(what, attempt, step), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: the next start finds the resource half way and resumes it.
            log.debug("Not scheduling '{}': shutting down", what);
        }
    }

    private void run(String what, int attempt, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            if (!retries.isRetriable(e)) {
                log.error("Could not {}; giving up: the failure is permanent", what, e);
                return;
            }
            long wait = retries.backoff(attempt).toMillis();
            log.warn("Could not {}; retrying in {} ms", what, wait, e);
            submit(what, wait, attempt + 1, step);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
