package io.sluice.streams.shard;

import io.sluice.common.error.ErrorCode;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.stream.StreamDeleted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    /** Idle readers, least recently used first. Guarded by {@code this}. */
    private final Deque<Reader> idle = new ArrayDeque<>();
    private final List<Reader> all = new ArrayList<>();
    private int created;
    private final java.util.concurrent.atomic.AtomicLong seeks = new java.util.concurrent.atomic.AtomicLong();
    private final StreamsProperties.Kafka kafka;

    public ShardReader(StreamsProperties properties) {
        this.kafka = properties.kafka();
    }

    /** The first offset still retained in the partition (the trim horizon). */
    public long earliest(String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(tp, -1, r -> r.consumer.beginningOffsets(List.of(tp), KAFKA_TIMEOUT).get(tp));
    }

    /** The offset the next record appended to the partition will get (the tip). */
    public long latest(String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(tp, -1, r -> r.consumer.endOffsets(List.of(tp), KAFKA_TIMEOUT).get(tp));
    }

    /** The first offset whose arrival time is at or after {@code timestamp}, or the tip if none is. */
    public long offsetAt(String topic, int partition, Instant timestamp) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(tp, -1, r -> {
            Map<TopicPartition, OffsetAndTimestamp> found =
                    r.consumer.offsetsForTimes(Map.of(tp, Math.max(0, timestamp.toEpochMilli())), KAFKA_TIMEOUT);
            OffsetAndTimestamp at = found.get(tp);
            return at != null ? at.offset() : r.consumer.endOffsets(List.of(tp), KAFKA_TIMEOUT).get(tp);
        });
    }

    /**
     * Reads up to {@code limit} records and about {@code maxBytes} of data from {@code offset} on,
     * below {@code until} (a closed shard's ending offset; {@code Long.MAX_VALUE} for an open shard).
     * Returns at once, with no records, when the offset is at the tip. Records trimmed by retention
     * are skipped: the read continues from the trim horizon, as Kinesis does.
     */
    public Batch read(String topic, int partition, long offset, long until, int limit, int maxBytes) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(tp, offset, r -> {
            if (!tp.equals(r.partition)) {
                r.consumer.assign(List.of(tp));
                r.partition = tp;
                r.position = -1;
            }
            long end = Math.min(until, r.consumer.endOffsets(List.of(tp), KAFKA_TIMEOUT).get(tp));
            if (offset >= end) {
                return new Batch(List.of(), offset, end);
            }
            if (r.position != offset) {
                r.consumer.seek(tp, offset);
                seeks.incrementAndGet();
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
                    if (record.offset() >= end) {
                        full = true;
                        break;
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

    /** How many reads had to move a consumer to their offset (a measure of the pool's affinity). */
    public long seeks() {
        return seeks.get();
    }

    /** Unassigns idle readers from a deleted stream's partitions, so they stop asking Kafka about them. */
    @EventListener
    synchronized void onStreamDeleted(StreamDeleted deleted) {
        for (Reader reader : idle) {
            if (reader.partition != null && reader.partition.topic().equals(deleted.topic())) {
                reader.consumer.unsubscribe();
                reader.partition = null;
                reader.position = -1;
            }
        }
    }

    private interface ReaderTask<T> {
        T run(Reader reader);
    }

    private <T> T with(TopicPartition tp, long offset, ReaderTask<T> task) {
        Reader reader = borrow(tp, offset);
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
            giveBack(reader);
        }
    }

    /**
     * An idle reader, preferring one already at {@code offset} of {@code tp} (no seek, and the
     * records it prefetched are still good), then one assigned to {@code tp}, then a new one while
     * the pool is below its size, then the least recently used; else waits for one.
     */
    private synchronized Reader borrow(TopicPartition tp, long offset) {
        long deadline = System.nanoTime() + KAFKA_TIMEOUT.toNanos();
        while (true) {
            Reader best = null;
            for (Reader r : idle) {
                if (tp.equals(r.partition) && (best == null || r.position == offset)) {
                    best = r;
                    if (r.position == offset) {
                        break;
                    }
                }
            }
            if (best == null && created < kafka.consumerPoolSize()) {
                created++;
                Reader fresh = new Reader(newConsumer());
                all.add(fresh);
                return fresh;
            }
            if (best == null) {
                best = idle.peekFirst();
            }
            if (best != null) {
                idle.remove(best);
                return best;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw ErrorCode.SERVICE_UNAVAILABLE.exception("All shard readers are busy; retry the request.");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ErrorCode.SERVICE_UNAVAILABLE.exception("Interrupted while waiting for a shard reader.");
            }
        }
    }

    private synchronized void giveBack(Reader reader) {
        idle.addLast(reader);
        notifyAll();
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 11 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.CLIENT_ID_CONFIG, "sluice-shard-reader-" + created),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public synchronized void close() {
        all.forEach(r -> r.consumer.close(Duration.ofSeconds(1)));
    }
}
