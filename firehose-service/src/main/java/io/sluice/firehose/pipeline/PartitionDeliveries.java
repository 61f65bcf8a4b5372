package io.sluice.firehose.pipeline;

import io.sluice.common.error.RetryPolicy;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.conversion.DataFormatConversion;
import io.sluice.firehose.conversion.RecordConversion;
import io.sluice.firehose.delivery.DeliveryFailures;
import io.sluice.firehose.delivery.DeliveryTopics;
import io.sluice.firehose.destination.ObjectKeys;
import io.sluice.firehose.destination.ObjectSink;
import io.sluice.firehose.destination.S3Destination;
import io.sluice.firehose.processing.LambdaInvoker;
import io.sluice.firehose.processing.RecordProcessing;
import io.sluice.firehose.schema.SchemaCatalog;
import io.sluice.firehose.schema.TableSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * The work of the delivery consumers, on their threads: each record goes into the round of its
 * source partition; a round that is full, or older than its buffering interval, is written to S3
 * and its offset committed; a round whose write failed pauses its partition and is tried again
 * after a backoff, its records kept. A partition taken away by a rebalance loses its round: the
 * consumer that gets the partition reads those records again from the committed offset.
 *
 * <p>One instance serves every consumer of the container; a partition belongs to one consumer at a
 * time, so each round is only ever touched by one thread.
 */
final class PartitionDeliveries implements BatchConsumerAwareMessageListener<byte[], byte[]>, ConsumerAwareRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(PartitionDeliveries.class);
    private static final String CONTENT_TYPE = "application/octet-stream";

    /** Pauses and resumes a partition's fetching (the container's, which owns the consumer's pause state). */
    interface Pauser {
        void pause(TopicPartition partition);

        void resume(TopicPartition partition);
    }

    private final DeliveryFailures failures;
    private final ObjectSink sink;
    private final Clock clock;
    private final Path directory;
    private final RetryPolicy retries;
    private final Map<TopicPartition, PartitionRound> rounds = new ConcurrentHashMap<>();
    private final Map<String, RecordProcessing> processings = new ConcurrentHashMap<>();
    private final Map<String, Timed<RecordConversion>> conversions = new ConcurrentHashMap<>();
    private final SchemaCatalog schemas;
    private final Source source;
    /** Partitions paused because their source may not be read yet. */
    private final Set<TopicPartition> held = ConcurrentHashMap.newKeySet();
    private final LambdaInvoker lambdas;
    private volatile Pauser pauser;

    PartitionDeliveries(Source source, DeliveryFailures failures, SchemaCatalog schemas,
            ObjectSink sink, LambdaInvoker lambdas, Clock clock, Path directory, RetryPolicy retries) {
        this.source = source;
        this.schemas = schemas;
        this.failures = failures;
        this.lambdas = lambdas;
        this.sink = sink;
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
        PartitionRound round = rounds.get(source);
        if (round != null && round.blocked()) {
            // The round waits for a retry: these records are read again once it is written.
            consumer.seek(source, records.get(0).offset());
            return;
        }
        Optional<DeliveryStream> stream = round != null ? Optional.of(round.stream()) : streamOf(source.topic());
        if (stream.isEmpty()) {
            return;
        }
        RecordProcessing processing = processing(stream.get());
        RecordConversion conversion = conversion(stream.get());
        boolean asPut = processing.passThrough() && conversion == null;
        S3Destination backup = stream.get().destination().s3().backup();
        Map<Long, List<RecordProcessing.Output>> outputs = asPut ? Map.of()
                : outputsByOffset(processing, conversion, stream.get(), records);
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
                deliver(source, round, consumer);
                if (round.blocked()) {
                    consumer.seek(source, record.offset() + 1);
                    return;
                }
                round = null;
            }
        }
    }

    private Map<Long, List<RecordProcessing.Output>> outputsByOffset(RecordProcessing processing, RecordConversion conversion,
            DeliveryStream stream, List<ConsumerRecord<byte[], byte[]>> records) {
        List<RecordProcessing.Output> outputs = new ArrayList<>(records.size());
        if (processing.passThrough()) {
            records.forEach(r -> outputs.add(new RecordProcessing.Output(r.offset(), r.timestamp(), data(stream, r), Map.of(), null)));
        } else {
            List<RecordProcessing.Input> inputs = new ArrayList<>(records.size());
            records.forEach(r -> inputs.add(new RecordProcessing.Input(r.offset(), r.timestamp(), data(stream, r))));
            outputs.addAll(processing.process(inputs));
        }
        Map<Long, List<RecordProcessing.Output>> byOffset = new HashMap<>();
        for (RecordProcessing.Output output : outputs) {
            RecordProcessing.Output checked = conversion == null || output.failed() ? output : conversion.check(output);
            byOffset.computeIfAbsent(checked.offset(), o -> new ArrayList<>()).add(checked);
        }
        return byOffset;
    }

    /** The data format conversion of a delivery stream's version, null for none; its table is read again every minute. */
    private RecordConversion conversion(DeliveryStream stream) {
        DataFormatConversion configuration = DataFormatConversion.of(stream.destination().s3().dataFormatConversionConfiguration());
        if (!configuration.enabled()) {
            return null;
        }
        String key = DeliveryTopics.topicOf(stream) + "@" + stream.versionId();
        Timed<RecordConversion> cached = conversions.get(key);
        if (cached == null || clock.millis() - cached.madeAt() > 60_000) {
            TableSchema table = schemas.table(stream.owner(), configuration.database().toLowerCase(java.util.Locale.ROOT),
                    configuration.table().toLowerCase(java.util.Locale.ROOT)).orElse(null);
            cached = new Timed<>(new RecordConversion(configuration, table, stream.owner().accountId(), stream.owner().region(), clock),
                    clock.millis());
            conversions.put(key, cached);
        }
        return cached.value();
    }

    private record Timed<T>(T value, long madeAt) {
    }

    /** A record's data as it was put (opened, when it was sealed). */
    private byte[] data(DeliveryStream stream, ConsumerRecord<byte[], byte[]> record) {
        return source.dataOf(stream, record);
    }

    /** The processing of a delivery stream's version, made once. */
    private RecordProcessing processing(DeliveryStream stream) {
        return processings.computeIfAbsent(DeliveryTopics.topicOf(stream) + "@" + stream.versionId(), key -> {
            S3Destination destination = stream.destination().s3();
            return new RecordProcessing(destination.processing(), destination.dynamicPartitioning(),
                    ObjectKeys.partitionKeysOf(destination.prefix()), stream.arn().toString(), stream.owner().region(), lambdas, clock);
        });
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
            PartitionRound round = rounds.get(source);
            if (round == null) {
                continue;
            }
            Optional<DeliveryStream> current = streamOf(source.topic());
            if (current.isEmpty()) {
                drop(source);
            } else if (round.blocked() ? !now.isBefore(round.retryAt())
                    : round.due(now) || current.get().versionId() != round.stream().versionId()) {
                deliver(source, round, consumer);
            }
        }
    }

    private void deliver(TopicPartition source, PartitionRound round, Consumer<?, ?> consumer) {
        DeliveryStream stream = round.stream();
        String bucket = stream.destination().s3().bucket();
        try {
            for (PartitionRound.PendingObject object : round.seal()) {
                if (!object.written) {
                    sink.put(object.bucket, object.key, object.file, CONTENT_TYPE);
                    object.written = true;
                }
            }
        } catch (Exception e) {
            boolean wasBlocked = round.blocked();
            round.failed(clock.instant(), retries.backoff(round.failedAttempts() + 1));
            log.warn("Delivery of {} up to offset {} to bucket {} failed (attempt {}), retrying at {}: {}", source, round.nextOffset(),
                    bucket, round.failedAttempts(), round.retryAt(), e.getMessage());
            if (!wasBlocked) {
                failures.failing(stream, "Delivery to S3 bucket " + bucket + " fails and is being retried; no record is dropped. "
                        + e.getMessage());
                if (pauser != null) {
                    pauser.pause(source);
                }
            }
            return;
        }
        try {
            consumer.commitSync(Map.of(source, new OffsetAndMetadata(round.nextOffset())));
        } catch (KafkaException e) {
            // The objects are written; whoever reads these records again writes the same keys.
            log.info("Could not commit offset {} of {} after delivering it: {}", round.nextOffset(), source, e.getMessage());
        }
        rounds.remove(source);
        round.discard();
        if (round.blocked()) {
            failures.recovered(stream);
            if (pauser != null) {
                pauser.resume(source);
            }
        }
    }

    private Optional<DeliveryStream> streamOf(String topic) {
        return source.streamOf(topic);
    }

    private void drop(TopicPartition source) {
        held.remove(source);
        PartitionRound round = rounds.remove(source);
        if (round != null) {
            round.discard();
            if (round.blocked() && pauser != null) {
                pauser.resume(source);
            }
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(this::drop);
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
        Set.copyOf(rounds.keySet()).forEach(this::drop);
    }

    /** Rounds buffered now, for tests and metrics. */
    int roundCount() {
        return rounds.size();
    }
}
