package io.sluice.streams.subscription;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.common.kinesis.ShardId;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.record.ChildShardView;
import io.sluice.streams.record.RecordView;
import io.sluice.streams.shard.ShardReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SubscribeToShard event stream: a consumer's position in a shard and the loop that sends what
 * lies past it. The loop runs on the subscription threads, one pass at a time per subscription,
 * whenever something may have changed: the shard tail delivered records, or the periodic check
 * found a heartbeat due, the time up, the shard closed or the stream gone. A pass sends the records
 * the tail handed over when they continue the position, else reads the shard (a subscriber catching
 * up), a few events per pass so that one busy subscription does not hold a thread.
 */
public final class ShardSubscription {
    private static final Logger log = LoggerFactory.getLogger(ShardSubscription.class);
    private static final int EVENTS_PER_PASS = 8;
    private static final int MAX_RECORDS_PER_EVENT = 10_000;

    /** Where events go: the HTTP response of the SubscribeToShard call. */
    public interface Sink {
        /** Writes one event and flushes it to the client. */
        void send(SubscribeToShardEvent event) throws IOException;

        /** Ends the stream with a modelled exception event. */
        void fail(ErrorCode code, String message);

        /** Ends the stream normally (the subscription's time is up, or the shard ended). */
        void end();
    }

    private final SubscriptionContext context;
    final SubscriptionKey key;
    private final long streamId;
    private final ShardId shardId;
    private final TopicPartition partition;
    private final Instant startedAt;
    private final Instant deadline;
    private final AtomicInteger signals = new AtomicInteger();
    private volatile List<ConsumerRecord<byte[], byte[]>> arrived = List.of();
    private volatile boolean closed;
    private volatile long lastEventNanos;
    private boolean sentAny;
    private Sink sink;
    private volatile long nextOffset;

    ShardSubscription(SubscriptionContext context, SubscriptionKey key, Stream stream, Shard shard, long offset, Instant startedAt) {
        this.context = context;
        this.key = key;
        this.streamId = stream.id();
        this.shardId = shard.id();
        this.partition = new TopicPartition(stream.topic(), shard.partition());
        this.nextOffset = offset;
        this.startedAt = startedAt;
        this.deadline = startedAt.plus(context.settings().duration());
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean closed() {
        return closed;
    }

    /** Starts sending to {@code sink}: the first pass sends at once, records or an empty event. */
    public void start(Sink sink) {
        this.sink = sink;
        context.tail().watch(partition, this);
        signal();
    }

    /** The client went away or the response failed: stop without writing anything more. */
    public void cancel() {
        close();
    }

    /** Ends the event stream now, as at the end of its 5 minutes (the service is shutting down). */
    void endNow() {
        end();
    }

    /** Records the tail fetched from this subscription's partition. */
    void offer(List<ConsumerRecord<byte[], byte[]>> records) {
        arrived = records;
        signal();
    }

    /** Runs a pass soon, unless one is running: that one then runs again. */
    void signal() {
        if (!closed && signals.getAndIncrement() == 0) {
            context.executor().execute(this::passes);
        }
    }

    /** The periodic check: wakes the loop when there is something to do other than new records. */
    void check(Instant now) {
        if (closed) {
            return;
        }
        Optional<Shard> shard = context.catalog().find(streamId).flatMap(s -> s.shard(shardId));
        // The tail has seen records past this subscriber's position: a wake-up it should have had.
        boolean behindTail = context.tail().fetchedUpTo(partition) > nextOffset;
        if (behindTail || heartbeatDue() || !now.isBefore(deadline) || shard.isEmpty() || shard.get().sealed()) {
            signal();
        }
    }

    /** Another SubscribeToShard took this consumer's subscription to the shard over. */
    void takenOver() {
        fail(ErrorCode.RESOURCE_IN_USE, String.format(
                "Another active subscription exists for consumer %s and shard %s; this one has ended.", key.consumerArn(), shardId));
    }

    private void passes() {
        int seen;
        do {
            seen = signals.get();
            try {
                pass();
            } catch (AwsException e) {
                if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                    continue; // every shard reader busy: the next signal or check retries
                }
                fail(e.code(), e.getMessage());
            } catch (IOException e) {
                log.debug("Subscription to {} ended by its client: {}", shardId, e.toString());
                close();
            } catch (RuntimeException e) {
                log.warn("Subscription to {} failed", shardId, e);
                fail(ErrorCode.INTERNAL_FAILURE_EXCEPTION, "Internal service failure.");
            }
        } while (!closed && signals.addAndGet(-seen) != 0);
    }

    private void pass() throws IOException {
        if (closed) {
            return;
        }
        Optional<Stream> found = context.catalog().find(streamId).filter(s -> s.status() != StreamStatus.DELETING);
        Optional<Shard> shard = found.flatMap(s -> s.shard(shardId));
        if (shard.isEmpty()) {
            fail(ErrorCode.RESOURCE_NOT_FOUND, String.format("Shard %s of the subscribed stream no longer exists.", shardId));
            return;
        }
        Instant now = context.clock().instant();
        if (!now.isBefore(deadline)) {
            end();
            return;
        }
        long until = shard.get().sealed() ? shard.get().endingOffset() : Long.MAX_VALUE;
        boolean sent = false;
        boolean more = true;
        for (int events = 0; events < EVENTS_PER_PASS && more && !closed; events++) {
            if (nextOffset >= until) {
                List<ChildShardView> children = found.get().children(shard.get()).stream().map(ChildShardView::of).toList();
                send(new SubscribeToShardEvent(List.of(), null, 0, children));
                end();
                return;
            }
            ShardReader.Batch batch = takeArrived(until);
            if (batch == null) {
                batch = context.reader().read(partition.topic(), partition.partition(), nextOffset, until,
                        MAX_RECORDS_PER_EVENT, context.settings().eventMaxBytes());
            }
            if (batch.records().isEmpty()) {
                nextOffset = Math.max(nextOffset, batch.nextOffset());
                more = false;
                break;
            }
            nextOffset = batch.nextOffset();
            List<RecordView> records = new ArrayList<>(batch.records().size());
            long bytes = 0;
            for (ConsumerRecord<byte[], byte[]> r : batch.records()) {
                bytes += RecordView.size(r);
                records.add(RecordView.of(r, context.cipher()));
            }
            long behind = nextOffset < batch.endOffset()
                    ? Math.max(0, now.toEpochMilli() - batch.records().get(batch.records().size() - 1).timestamp()) : 0;
            context.metrics().subscribeToShardEvent(found.get(), shard.get(), records.size(), bytes, behind);
            send(new SubscribeToShardEvent(records, continuation(), behind, null));
            sent = true;
            // At the tip the tail tells of the next record; at a closed shard's end the next round ends it.
            more = nextOffset < batch.endOffset() || nextOffset >= until;
        }
        if (!sent && (!sentAny || heartbeatDue())) {
            send(new SubscribeToShardEvent(List.of(), continuation(), 0, null));
        } else if (more && !closed) {
            signals.incrementAndGet(); // more to catch up: the loop in passes() runs another pass
        }
    }

    private boolean heartbeatDue() {
        return System.nanoTime() - lastEventNanos >= context.settings().heartbeat().toNanos();
    }

    /**
     * The records the tail handed over from this subscription's position on, if they reach it; null
     * when the subscriber has to read the shard itself (it is behind them, or they are behind it).
     */
    private ShardReader.Batch takeArrived(long until) {
        List<ConsumerRecord<byte[], byte[]>> records = arrived;
        if (records.isEmpty()) {
            return null;
        }
        long first = records.get(0).offset();
        long last = records.get(records.size() - 1).offset();
        if (nextOffset < first || nextOffset > last) {
            return null;
        }
        int from = (int) Math.min(records.size() - 1, nextOffset - first);
        while (from > 0 && records.get(from).offset() > nextOffset) {
            from--;
        }
        while (records.get(from).offset() < nextOffset) {
            from++;
        }
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long bytes = 0;
        for (int i = from; i < records.size() && out.size() < MAX_RECORDS_PER_EVENT; i++) {
            ConsumerRecord<byte[], byte[]> r = records.get(i);
            long size = RecordView.size(r);
            if (r.offset() >= until || (!out.isEmpty() && bytes + size > context.settings().eventMaxBytes())) {
                break;
            }
            out.add(r);
            bytes += size;
        }
        if (out.isEmpty()) {
            return null;
        }
        long next = out.get(out.size() - 1).offset() + 1;
        return new ShardReader.Batch(out, next, last + 1);
    }

    private String continuation() {
        return SequenceNumber.before(partition.partition(), nextOffset).encode();
    }

    private void send(SubscribeToShardEvent event) throws IOException {
        if (!closed) {
            sink.send(event);
            lastEventNanos = System.nanoTime();
            sentAny = true;
        }
    }

    private void fail(ErrorCode code, String message) {
        if (!closed) {
            close();
            sink.fail(code, message);
        }
    }

    private void end() {
        if (!closed) {
            close();
            sink.end();
        }
    }

    private synchronized void close() {
        if (!closed) {
            closed = true;
            context.tail().unwatch(partition, this);
            context.registry().remove(key, this);
        }
    }
}
