package io.sluice.streams.shard;

import io.sluice.common.error.ErrorCode;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.stream.StreamDeleted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads shard partitions with a pool of long-lived Kafka consumers, so that no request pays for
 * creating one. A consumer remembers where it stopped: a reader that keeps following a shard
 * (GetRecords with each NextShardIterator) usually gets back a consumer that needs no seek.
 */
@Component
public class ShardReader implements AutoCloseable {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final long READ_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** A pooled consumer and the one partition position it is at, if any. */
    private static final class Reader {
        final KafkaConsumer<byte[], byte[]> consumer;
        TopicPartition partition;
        long position = -1;

        Reader(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }
    }

    /** What one read returned: records from {@code offset} on, and where the next read starts. */
    public record Batch(List<ConsumerRecord<byte[], byte[]>> records, long nextOffset, long endOffset) {
    }

    private final BlockingQueue<Reader> idle = new LinkedBlockingQueue<>();
    private final List<Reader> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final StreamsProperties.Kafka kafka;

    ShardReader(StreamsProperties properties) {
        this.kafka = properties.kafka();
    }

    /** The first offset still retained in the partition (the trim horizon). */
    public long earliest(String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(r -> r.consumer.beginningOffsets(List.of(tp), KAFKA_TIMEOUT).get(tp));
    }

    /** The offset the next record appended to the partition will get (the tip). */
    public long latest(String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(r -> r.consumer.endOffsets(List.of(tp), KAFKA_TIMEOUT).get(tp));
    }

    /** The first offset whose arrival time is at or after {@code timestamp}, or the tip if none is. */
    public long offsetAt(String topic, int partition, Instant timestamp) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(r -> {
            Map<TopicPartition, OffsetAndTimestamp> found =
                    r.consumer.offsetsForTimes(Map.of(tp, Math.max(0, timestamp.toEpochMilli())), KAFKA_TIMEOUT);
            OffsetAndTimestamp at = found.get(tp);
            return at != null ? at.offset() : r.consumer.endOffsets(List.of(tp), KAFKA_TIMEOUT).get(tp);
        });
    }

    /**
     * Reads up to {@code limit} records and about {@code maxBytes} of data from {@code offset} on.
     * Returns at once, with no records, when the offset is at the tip. Records trimmed by retention
     * are skipped: the read continues from the trim horizon, as Kinesis does.
     */
    public Batch read(String topic, int partition, long offset, int limit, int maxBytes) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(r -> {
            if (!tp.equals(r.partition)) {
                r.consumer.assign(List.of(tp));
                r.partition = tp;
                r.position = -1;
            }
            long end = r.consumer.endOffsets(List.of(tp), KAFKA_TIMEOUT).get(tp);
            if (offset >= end) {
                return new Batch(List.of(), offset, end);
            }
            if (r.position != offset) {
                r.consumer.seek(tp, offset);
            }
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long next = offset;
            long bytes = 0;
            long deadline = System.nanoTime() + READ_DEADLINE_NANOS;
            boolean full = false;
            while (!full && out.size() < limit && next < end) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : r.consumer.poll(Duration.ofNanos(remaining)).records(tp)) {
                    if (record.offset() < next) {
                        continue;
                    }
                    long size = (long) record.serializedKeySize() + Math.max(0, record.serializedValueSize());
                    if (out.size() >= limit || (!out.isEmpty() && bytes + size > maxBytes)) {
                        full = true;
                        break;
                    }
                    out.add(record);
                    bytes += size;
                    next = record.offset() + 1;
                }
            }
            if (r.consumer.position(tp) != next) {
                r.consumer.seek(tp, next);
            }
            r.position = next;
            return new Batch(out, next, end);
        });
    }

    /** Unassigns idle readers from a deleted stream's partitions, so they stop asking Kafka about them. */
    @EventListener
    void onStreamDeleted(StreamDeleted deleted) {
        List<Reader> drained = new ArrayList<>();
        idle.drainTo(drained);
        for (Reader reader : drained) {
            if (reader.partition != null && reader.partition.topic().equals(deleted.topic())) {
                reader.consumer.unsubscribe();
                reader.partition = null;
                reader.position = -1;
            }
        }
        idle.addAll(drained);
    }

    private interface ReaderTask<T> {
        T run(Reader reader);
    }

    private <T> T with(ReaderTask<T> task) {
        Reader reader = borrow();
        boolean healthy = false;
        try {
            T result = task.run(reader);
            healthy = true;
            return result;
        } finally {
            if (!healthy) {
                reader.partition = null;
                reader.position = -1;
                reader.consumer.unsubscribe();
            }
            idle.add(reader);
        }
    }

    private Reader borrow() {
        Reader reader = idle.poll();
        if (reader != null) {
            return reader;
        }
        if (created.incrementAndGet() <= kafka.consumerPoolSize()) {
            Reader fresh = new Reader(newConsumer());
            synchronized (all) {
                all.add(fresh);
            }
            return fresh;
        }
        created.decrementAndGet();
        try {
            reader = idle.poll(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader == null) {
            throw ErrorCode.SERVICE_UNAVAILABLE.exception("All shard readers are busy; retry the request.");
        }
        return reader;
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 11 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.CLIENT_ID_CONFIG, "sluice-shard-reader-" + created.get()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(r -> r.consumer.close(Duration.ofSeconds(1)));
        }
    }
}
