package io.sluice.firehose.pipeline;

import io.sluice.common.error.RetryPolicy;
import io.sluice.common.lambda.LambdaInvoker;
import io.sluice.firehose.conversion.RecordConversion;
import io.sluice.firehose.delivery.DeliveryFailures;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.destination.ObjectSink;
import io.sluice.firehose.destination.S3Destination;
import io.sluice.firehose.metrics.FirehoseMetrics;
import io.sluice.firehose.processing.RecordProcessing;
import io.sluice.firehose.schema.SchemaCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * The work of the delivery consumers, on their threads: each record goes into the round of its
 * source partition; a round that is full, or older than its buffering interval, is sealed and
 * written to S3 on a writer thread while the consumer reads on into the next round, and its offset
 * is committed on the consumer's thread once it is written. A partition's next round is written only
 * after that commit (a full round waits, its partition paused), so at most one round per partition
 * is ever written and not committed. A round whose write failed pauses its partition and is tried
 * again after a backoff, its records kept; a commit that failed is likewise tried again after a
 * backoff before the partition's next round is written (were the next round written first, a
 * restart from the older committed offset would cut its records into other rounds, under other
 * keys, and deliver them twice). A partition taken away by a rebalance loses its round: the
 * consumer that gets the partition reads those records again from the committed offset.
 *
 * <p>One instance serves every consumer of the container; a partition belongs to one consumer at a
 * time, so each round is only ever touched by one thread.
 */
final class PartitionDeliveries implements BatchConsumerAwareMessageListener<byte[], byte[]>, ConsumerAwareRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(PartitionDeliveries.class);

    /** Pauses and resumes a partition's fetching (the container's, which owns the consumer's pause state). */
    interface Pauser {
        void pause(TopicPartition partition);

        void resume(TopicPartition partition);
    }

    private final DeliveryFailures failures;
    private final RoundWriter writer;
    private final Clock clock;
    private final Path directory;
    private final RetryPolicy retries;
    private final Map<TopicPartition, PartitionRound> rounds = new ConcurrentHashMap<>();
    private final Map<TopicPartition, RoundInFlight> writes = new ConcurrentHashMap<>();
    /** Partitions paused because their full round waits for the previous one to be committed. */
    private final Set<TopicPartition> waitingForWrite = ConcurrentHashMap.newKeySet();
    private final StreamTransforms transforms;
    private final Source source;
    /** Partitions paused because their source may not be read yet. */
    private final Set<TopicPartition> held = ConcurrentHashMap.newKeySet();
    private volatile Pauser pauser;

    PartitionDeliveries(Source source, DeliveryFailures failures, SchemaCatalog schemas,
            ObjectSink sink, FirehoseMetrics metrics, LambdaInvoker lambdas, Clock clock, Path directory, RetryPolicy retries) {
        this.source = source;
        this.transforms = new StreamTransforms(schemas, lambdas, clock);
        this.failures = failures;
        this.writer = new RoundWriter(sink, metrics, clock, partition -> {
            if (pauser != null) {
                pauser.resume(partition);
            }
        });
        this.clock = clock;
        this.directory = directory;
        this.retries = retries;
    }

    void pauseWith(Pauser pauser) {
        this.pauser = pauser;
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> bySource = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            bySource.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>()).add(record);
        }
        bySource.forEach((source, partitionRecords) -> take(source, partitionRecords, consumer));
        deliverDue(consumer);
    }

    /** Takes a poll's records of one source partition into its rounds, delivering each round that fills. */
    private void take(TopicPartition source, List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        if (!this.source.mayTake(source, consumer)) {
            consumer.seek(source, records.get(0).offset());
            if (held.add(source) && pauser != null) {
                pauser.pause(source);
            }
            return;
        }
        settle(source, consumer);
        RoundInFlight writing = writes.get(source);
        if (writing != null && writing.round.blocked()) {
            // The round being written waits for a retry: these records are read again once it is written.
            consumer.seek(source, records.get(0).offset());
            return;
        }
        PartitionRound round = rounds.get(source);
        if (round != null && round.full()) {
            // A full round that waited for a retried write: on its way before it takes any more.
            if (!deliver(source, round)) {
                consumer.seek(source, records.get(0).offset());
                return;
            }
            round = null;
        }
        Optional<DeliveryStream> stream = round != null ? Optional.of(round.stream()) : streamOf(source.topic());
        if (stream.isEmpty()) {
            return;
        }
        RecordProcessing processing = transforms.processing(stream.get());
        RecordConversion conversion = transforms.conversion(stream.get());
        boolean asPut = processing.passThrough() && conversion == null;
        S3Destination backup = transforms.backup(stream.get());
        Map<Long, List<RecordProcessing.Output>> outputs = asPut ? Map.of()
                : transforms.outputsByOffset(processing, conversion, records.stream()
                        .map(r -> new RecordProcessing.Input(r.offset(), r.timestamp(), data(stream.get(), r))).toList());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (round == null) {
                round = new PartitionRound(source, stream.get(), directory, clock.instant(), conversion);
                rounds.put(source, round);
            }
            if (backup != null) {
                round.backUp(record, data(stream.get(), record));
            }
            if (asPut) {
                round.add(record, data(stream.get(), record));
            } else {
                outputs.getOrDefault(record.offset(), List.of()).forEach(round::add);
                round.advance(record.offset());
            }
            if (round.full()) {
                if (!deliver(source, round)) {
                    // The previous round is still being written: wait for it (this thread has nothing else to do
                    // for this partition), commit it, and send this one on its way.
                    awaitWrite(source);
                    settle(source, consumer);
                }
                if (rounds.get(source) == round && !deliver(source, round)) {
                    // The previous round's write failed: the rest waits in Kafka until its retry succeeds.
                    consumer.seek(source, record.offset() + 1);
                    waitingForWrite.add(source);
                    if (pauser != null) {
                        pauser.pause(source);
                    }
                    return;
                }
                round = null;
            }
        }
    }

    /** A record's data as it was put (opened, when it was sealed). */
    private byte[] data(DeliveryStream stream, ConsumerRecord<byte[], byte[]> record) {
        return source.dataOf(stream, record);
    }

    /** Delivers the rounds of the consumer's partitions whose interval passed, or whose retry is due. */
    void deliverDue(Consumer<?, ?> consumer) {
        for (TopicPartition waiting : Set.copyOf(held)) {
            if (consumer.assignment().contains(waiting) && source.mayTake(waiting, consumer) && held.remove(waiting) && pauser != null) {
                pauser.resume(waiting);
            }
        }
        Instant now = clock.instant();
        for (TopicPartition source : consumer.assignment()) {
            settle(source, consumer);
            PartitionRound round = rounds.get(source);
            if (round == null) {
                continue;
            }
            Optional<DeliveryStream> current = streamOf(source.topic());
            if (current.isEmpty()) {
                drop(source);
            } else if (round.due(now) || round.full() || current.get().versionId() != round.stream().versionId()) {
                deliver(source, round);
            }
        }
    }

    /**
     * Starts writing a round, unless the partition's previous round is still being written (a
     * partition's next round is written only once the one before it is committed).
     *
     * @return whether the round is on its way
     */
    private boolean deliver(TopicPartition source, PartitionRound round) {
        if (writes.containsKey(source)) {
            return false;
        }
        rounds.remove(source);
        writes.put(source, new RoundInFlight(round, writer.start(round)));
        return true;
    }

    /** Waits until the partition's round in flight is written or has failed. */
    private void awaitWrite(TopicPartition source) {
        RoundInFlight writing = writes.get(source);
        if (writing != null) {
            try {
                writing.awaitWritten();
            } catch (java.util.concurrent.ExecutionException e) {
                // settle() records the failure.
            }
        }
    }

    /**
     * On the consumer's thread: commits the partition's round once it is written, or schedules its
     * retry when the write failed (pausing the partition), or starts the retry when it is due.
     */
    private void settle(TopicPartition source, Consumer<?, ?> consumer) {
        RoundInFlight writing = writes.get(source);
        if (writing == null) {
            return;
        }
        PartitionRound round = writing.round;
        if (writing.awaitsRetry()) {
            if (!clock.instant().isBefore(round.retryAt())) {
                writing.retry(writer.start(round));
            }
            return;
        }
        if (!writing.writeOver()) {
            return;
        }
        if (writing.written() && streamOf(source.topic()).isEmpty()) {
            drop(source); // its commit failed, and nobody reads this topic any more
            return;
        }
        if (!written(source, writing) || !writing.commit(source, consumer, clock.instant(), retries, false)) {
            return;
        }
        writes.remove(source);
        round.discard();
        boolean paused = waitingForWrite.remove(source);
        if (round.blocked()) {
            failures.recovered(round.stream());
            paused = true;
        }
        if (paused && pauser != null) {
            pauser.resume(source);
        }
    }

    /** Whether the round's finished write succeeded; when it failed, its retry is scheduled and its partition paused. */
    private boolean written(TopicPartition source, RoundInFlight writing) {
        PartitionRound round = writing.round;
        try {
            return writing.awaitWritten();
        } catch (java.util.concurrent.ExecutionException e) {
            DeliveryStream stream = round.stream();
            boolean wasBlocked = round.blocked();
            round.failed(clock.instant(), retries.backoff(round.failedAttempts() + 1));
            writing.failed();
            String bucket = stream.destination().s3().bucket();
            log.warn("Delivery of {} up to offset {} to bucket {} failed (attempt {}), retrying at {}: {}", source, round.nextOffset(),
                    bucket, round.failedAttempts(), round.retryAt(), e.getCause().getMessage());
            if (!wasBlocked) {
                failures.failing(stream, "Delivery to S3 bucket " + bucket + " fails and is being retried; no record is dropped. "
                        + e.getCause().getMessage());
                if (pauser != null) {
                    pauser.pause(source);
                }
            }
            return false;
        }
    }

    private Optional<DeliveryStream> streamOf(String topic) {
        return source.streamOf(topic);
    }

    /** Forgets a partition's rounds; a round being written is abandoned (its keys are written again by whoever reads on). */
    private void drop(TopicPartition source) {
        held.remove(source);
        boolean paused = waitingForWrite.remove(source);
        PartitionRound round = rounds.remove(source);
        if (round != null) {
            round.discard();
        }
        RoundInFlight writing = writes.remove(source);
        if (writing != null) {
            writing.cancel();
            paused |= writing.round.blocked();
            writing.round.discard();
        }
        if (paused && pauser != null) {
            pauser.resume(source);
        }
    }

    /**
     * A partition taken away (a rebalance, or this instance stopping): a round being written is
     * waited for and committed first, so that its write cannot land after the next owner's write of
     * the same keys; then the round still buffering is written and committed too, so that a stop
     * delivers what was put instead of leaving it to the buffering interval of whoever reads on.
     */
    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition source : partitions) {
            if (finishWrite(source, consumer)) {
                PartitionRound buffering = rounds.get(source);
                if (buffering != null && !buffering.isEmpty() && streamOf(source.topic()).isPresent() && deliver(source, buffering)) {
                    finishWrite(source, consumer);
                }
            }
            drop(source);
        }
    }

    /** Waits for the partition's write in flight and commits it; false when it failed or waits for a retry. */
    private boolean finishWrite(TopicPartition source, Consumer<?, ?> consumer) {
        RoundInFlight writing = writes.get(source);
        if (writing == null) {
            return true;
        }
        try {
            if (!writing.awaitWritten()) {
                return false;
            }
        } catch (java.util.concurrent.ExecutionException e) {
            return false; // not written: the next owner writes it
        }
        if (!writing.commit(source, consumer, clock.instant(), retries, true)) {
            return false; // the next owner reads from the committed offset and writes this round's key again
        }
        writes.remove(source);
        writing.round.discard();
        return true;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        source.onAssigned(consumer, partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(this::drop);
    }

    /** Drops every round (the container stopped: the records are read again at the next start). */
    void dropAll() {
        Set<TopicPartition> all = new java.util.HashSet<>(rounds.keySet());
        all.addAll(writes.keySet());
        all.forEach(this::drop);
    }

    /** Rounds buffered now, for tests and metrics. */
    int roundCount() {
        return rounds.size();
    }
}
