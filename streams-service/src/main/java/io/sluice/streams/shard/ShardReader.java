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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
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

    /**
     * A pooled consumer and the one partition position it is at, if any, with the records it
     * fetched beyond what the last read returned (they start at {@code position}; the consumer's own
     * position is after them).
     */
    private static final class Reader {
        final KafkaConsumer<byte[], byte[]> consumer;
        final Deque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
        TopicPartition partition;
        long position = -1;

        Reader(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        void forget() {
            partition = null;
            position = -1;
            pending.clear();
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
    private final java.util.concurrent.atomic.AtomicLong endOffsetRequests = new java.util.concurrent.atomic.AtomicLong();
    private final StreamsProperties.Kafka kafka;

    /**
     * Asks the broker for partition offsets on a connection of its own: a consumer's ListOffsets
     * would wait behind that consumer's fetch in flight (a broker serves one connection's requests
     * in order, and holds a fetch at the tip until data arrives or its wait ends).
     */
    private final Admin offsets;

    public ShardReader(StreamsProperties properties) {
        this.kafka = properties.kafka();
        this.offsets = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "sluice-shard-offsets"));
    }

    /** The first offset still retained in the partition (the trim horizon). */
    public long earliest(String topic, int partition) {
        return offset(new TopicPartition(topic, partition), OffsetSpec.earliest());
    }

    /** The offset the next record appended to the partition will get (the tip). */
    public long latest(String topic, int partition) {
        return offset(new TopicPartition(topic, partition), OffsetSpec.latest());
    }

    /** The first offset whose arrival time is at or after {@code timestamp}, or the tip if none is. */
    public long offsetAt(String topic, int partition, Instant timestamp) {
        TopicPartition tp = new TopicPartition(topic, partition);
        long at = offset(tp, OffsetSpec.forTimestamp(Math.max(0, timestamp.toEpochMilli())));
        return at >= 0 ? at : offset(tp, OffsetSpec.latest());
    }

    /** One ListOffsets answer; -1 when a timestamp has no record at or after it. */
    private long offset(TopicPartition tp, OffsetSpec spec) {
        try {
            return offsets.listOffsets(Map.of(tp, spec)).partitionResult(tp).get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("No offsets for " + tp + " within " + KAFKA_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
    }

    /**
     * Reads up to {@code limit} records and about {@code maxBytes} of data from {@code offset} on,
     * below {@code until} (a closed shard's ending offset; {@code Long.MAX_VALUE} for an open shard).
     * Returns at once, with no records, when the offset is at the tip. Records trimmed by retention
     * are skipped: the read continues from the trim horizon, as Kinesis does.
     *
     * <p>What is at hand is taken first without a round trip to the broker: records an earlier read
     * of this consumer fetched and did not return, then what its fetches in flight brought. Only
     * when nothing is at hand does the read ask the broker for the partition's end (to answer at
     * once at the tip) and wait for a fetch.
     */
    public Batch read(String topic, int partition, long offset, long until, int limit, int maxBytes) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return with(tp, offset, r -> {
            if (!tp.equals(r.partition)) {
                r.forget();
                r.consumer.assign(List.of(tp));
                r.partition = tp;
            }
            if (r.position != offset) {
                r.pending.clear();
                r.consumer.seek(tp, offset);
                r.position = offset;
                seeks.incrementAndGet();
            }
            Taking taking = new Taking(offset, until, limit, maxBytes);
            long deadline = System.nanoTime() + READ_DEADLINE_NANOS;
            long end = -1;
            while (!taking.complete()) {
                if (!r.pending.isEmpty()) {
                    taking.takeFrom(r.pending);
                    continue;
                }
                List<ConsumerRecord<byte[], byte[]>> arrived = r.consumer.poll(Duration.ZERO).records(tp);
                if (!arrived.isEmpty()) {
                    r.pending.addAll(arrived);
                    continue;
                }
                // Nothing at hand. With records taken, the end the last fetch reported is enough to
                // know whether more is coming; with none, the broker is asked, so that a read below
                // the tip never returns empty.
                end = Math.min(until, taking.out.isEmpty() ? endOffset(tp) : fetchedEnd(r, tp, taking.next));
                long remaining = deadline - System.nanoTime();
                if (taking.next >= end || remaining <= 0) {
                    break;
                }
                r.pending.addAll(r.consumer.poll(Duration.ofNanos(remaining)).records(tp));
            }
            r.position = taking.next;
            if (end < 0) {
                end = Math.min(until, fetchedEnd(r, tp, taking.next));
            }
            return new Batch(taking.out, taking.next, Math.max(end, taking.next));
        });
    }

    /** The partition's end offset, asked of the broker. */
    private long endOffset(TopicPartition tp) {
        endOffsetRequests.incrementAndGet();
        return offset(tp, OffsetSpec.latest());
    }

    /**
     * The partition's end offset as the consumer's last fetch reported it (its high watermark), or
     * {@code next} when it has none: no round trip to the broker.
     */
    private static long fetchedEnd(Reader r, TopicPartition tp, long next) {
        java.util.OptionalLong lag = r.consumer.currentLag(tp);
        return lag.isPresent() ? r.consumer.position(tp) + lag.getAsLong() : next;
    }

    /** The records one read takes, in offset order, and where it stops. */
    private static final class Taking {
        final List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        final long until;
        final int limit;
        final int maxBytes;
        long next;
        long bytes;
        /** A record that would pass {@code until}, the limit or the byte budget was met. */
        boolean full;

        Taking(long offset, long until, int limit, int maxBytes) {
            this.next = offset;
            this.until = until;
            this.limit = limit;
            this.maxBytes = maxBytes;
        }

        boolean complete() {
            return full || out.size() >= limit || next >= until;
        }

        /** Takes records from the head of {@code pending} while they fit, leaving the rest there. */
        void takeFrom(Deque<ConsumerRecord<byte[], byte[]>> pending) {
            while (!pending.isEmpty() && !complete()) {
                ConsumerRecord<byte[], byte[]> record = pending.peekFirst();
                if (record.offset() < next) {
                    pending.pollFirst();
                    continue;
                }
                if (record.offset() >= until) {
                    full = true;
                    return;
                }
                long size = (long) Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
                if (!out.isEmpty() && bytes + size > maxBytes) {
                    full = true;
                    return;
                }
                out.add(pending.pollFirst());
                bytes += size;
                next = record.offset() + 1;
            }
        }
    }

    /** How many reads had to move a consumer to their offset (a measure of the pool's affinity). */
    public long seeks() {
        return seeks.get();
    }

    /** How many reads had to ask the broker for a partition's end (they had no record at hand). */
    public long endOffsetRequests() {
        return endOffsetRequests.get();
    }

    /** Unassigns idle readers from a deleted stream's partitions, so they stop asking Kafka about them. */
    @EventListener
    synchronized void onStreamDeleted(StreamDeleted deleted) {
        for (Reader reader : idle) {
            if (reader.partition != null && reader.partition.topic().equals(deleted.topic())) {
                reader.consumer.unsubscribe();
                reader.forget();
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
                reader.forget();
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
                // A fetch at the tip is held by the broker for this long at most. A consumer's next
                // fetch, after a seek or for another partition, waits for the one in flight: with
                // Kafka's 500 ms, a reader moved from the tip of one shard stalled that long.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.CLIENT_ID_CONFIG, "sluice-shard-reader-" + created),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public synchronized void close() {
        all.forEach(r -> r.consumer.close(Duration.ofSeconds(1)));
        offsets.close(Duration.ofSeconds(1));
    }
}
