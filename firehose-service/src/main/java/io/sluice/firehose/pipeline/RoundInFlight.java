package io.sluice.firehose.pipeline;

import io.sluice.common.error.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition's round on its way: written to S3 off the consumer's thread, then its offset
 * committed on it. It stays until the commit succeeds; a failed write waits for its retry with no
 * write in flight, and a failed commit is tried again after a backoff.
 */
final class RoundInFlight {
    private static final Logger log = LoggerFactory.getLogger(RoundInFlight.class);
    /** How long one commit may hold the consumer's thread (Kafka's default, 60 s, would stall every partition it reads). */
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    final PartitionRound round;
    private Future<?> write;
    private boolean written;
    private int failedCommits;
    private Instant commitRetryAt;

    RoundInFlight(PartitionRound round, Future<?> write) {
        this.round = round;
        this.write = write;
    }

    /** Whether its write failed and waits for a retry. */
    boolean awaitsRetry() {
        return write == null;
    }

    void retry(Future<?> write) {
        this.write = write;
    }

    /** Whether its write is over (written, failed, or waiting for a retry). */
    boolean writeOver() {
        return write == null || write.isDone();
    }

    boolean written() {
        return written;
    }

    /**
     * Waits for its write to end.
     *
     * @return whether it is written; false when the wait was interrupted or the write waits for a retry
     * @throws ExecutionException when the write failed: the caller schedules its retry ({@link #failed()})
     */
    boolean awaitWritten() throws ExecutionException {
        if (written || write == null) {
            return written;
        }
        try {
            write.get();
            written = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return written;
    }

    /** Its write failed: nothing is in flight until {@link #retry}. */
    void failed() {
        write = null;
    }

    void cancel() {
        if (write != null) {
            write.cancel(true);
        }
    }

    /**
     * Commits the written round's offset, unless a failed commit waits for its retry ({@code now}
     * overrides the wait). A failed commit is tried again after a backoff; until it succeeds the
     * partition's next round is not written, so the only written and uncommitted round is the one
     * whose key whoever reads from the committed offset writes again.
     */
    boolean commit(TopicPartition source, Consumer<?, ?> consumer, Instant at, RetryPolicy retries, boolean now) {
        if (!now && commitRetryAt != null && at.isBefore(commitRetryAt)) {
            return false;
        }
        long offset = round.nextOffset();
        try {
            consumer.commitSync(Map.of(source, new OffsetAndMetadata(offset)), COMMIT_TIMEOUT);
            return true;
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            failedCommits++;
            commitRetryAt = at.plus(retries.backoff(failedCommits));
            log.info("Could not commit offset {} of {} after delivering it (attempt {}); its next round waits, retry at {}: {}", offset,
                    source, failedCommits, commitRetryAt, e.getMessage());
            return false;
        }
    }
}
