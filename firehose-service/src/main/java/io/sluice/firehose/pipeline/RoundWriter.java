package io.sluice.firehose.pipeline;

import io.sluice.common.work.DaemonThreads;
import io.sluice.firehose.destination.ObjectSink;
import io.sluice.firehose.metrics.FirehoseMetrics;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Seals rounds and writes their objects to S3 on writer threads, so that a consumer reads on
 * meanwhile. A retried round, once written, says so at once ({@code retryWritten}): its consumer,
 * whose partition was paused, wakes and commits it as it takes the records that follow, rather
 * than at its next idle look.
 */
final class RoundWriter {
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final ObjectSink sink;
    private final FirehoseMetrics metrics;
    private final Clock clock;
    private final Consumer<TopicPartition> retryWritten;
    private final ExecutorService writers = Executors.newCachedThreadPool(DaemonThreads.named("firehose-writer", true));

    RoundWriter(ObjectSink sink, FirehoseMetrics metrics, Clock clock, Consumer<TopicPartition> retryWritten) {
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.retryWritten = retryWritten;
    }

    /** Starts writing a round; the future ends when every object of it is in S3, or with the failure. */
    Future<?> start(PartitionRound round) {
        FutureTask<Void> task = new FutureTask<>(() -> write(round)) {
            @Override
            protected void done() {
                if (round.blocked() && !isCancelled()) {
                    try {
                        get();
                        retryWritten.accept(round.source());
                    } catch (InterruptedException | ExecutionException e) {
                        // Not written: its consumer schedules the next try.
                    }
                }
            }
        };
        writers.execute(task);
        return task;
    }

    /** Seals a round and writes each of its objects not written yet. */
    private Void write(PartitionRound round) throws Exception {
        for (PartitionRound.PendingObject object : round.seal()) {
            if (!object.written) {
                try {
                    sink.put(object.bucket, object.key, object.file, CONTENT_TYPE);
                } catch (Exception e) {
                    metrics.deliveryFailed(round.stream());
                    throw e;
                }
                object.written = true;
                metrics.delivered(round.stream(), Files.size(object.file), object.records, round.oldestArrival(), clock.instant());
            }
        }
        return null;
    }
}
