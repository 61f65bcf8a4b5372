package io.sluice.streams.throughput;

import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamMode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Counts the writes offered to each shard of an ON_DEMAND stream, throttled or not: what its
 * automatic scaling judges a shard's load by. PROVISIONED streams are not counted.
 */
@Component
public class WriteRates {
    /** A shard of a stream, by stream id and shard index. */
    public record ShardKey(long streamId, int shard) {
    }

    /** Records and bytes offered to a shard since it was first counted. */
    public record Totals(long records, long bytes) {
    }

    private static final class Counter {
        final LongAdder records = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    private final Map<ShardKey, Counter> counters = new ConcurrentHashMap<>();

    /** One record of {@code bytes} (data and partition key) offered to {@code shard}. */
    public void offered(Stream stream, Shard shard, long bytes) {
        if (stream.mode() != StreamMode.ON_DEMAND) {
            return;
        }
        Counter counter = counters.computeIfAbsent(new ShardKey(stream.id(), shard.partition()), k -> new Counter());
        counter.records.increment();
        counter.bytes.add(bytes);
    }

    /** The running totals of every counted shard. */
    public Map<ShardKey, Totals> totals() {
        Map<ShardKey, Totals> out = new HashMap<>();
        counters.forEach((key, counter) -> out.put(key, new Totals(counter.records.sum(), counter.bytes.sum())));
        return out;
    }

    /** Stops counting a stream's shards (it was deleted, or is no longer ON_DEMAND). */
    public void forget(long streamId) {
        counters.keySet().removeIf(key -> key.streamId() == streamId);
    }
}
