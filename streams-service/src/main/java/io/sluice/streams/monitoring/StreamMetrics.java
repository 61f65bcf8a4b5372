package io.sluice.streams.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.endpoint.metrics.CloudWatchMeters;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.stream.ShardLevelMetric;
import io.sluice.streams.stream.StreamDeleted;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The streams' metrics under CloudWatch's names (namespace AWS/Kinesis, prefix {@code kinesis.}):
 * stream-level ones always, dimension {@code StreamName}; shard-level ones ({@code kinesis.shard.*},
 * dimensions {@code StreamName} and {@code ShardId}) for the metrics EnableEnhancedMonitoring turned
 * on. A metric CloudWatch reports as 1 or 0 per call ({@code .Success}) is a distribution of those
 * values, so that its average is the success rate and its count the calls, as in CloudWatch.
 * Meters are made once per stream and kept until the stream is deleted.
 */
@Component
public class StreamMetrics {
    private final MeterRegistry registry;
    private final Map<String, Meters> streams = new ConcurrentHashMap<>();
    private final Map<String, ShardMeters> shards = new ConcurrentHashMap<>();
    /** The topics of streams whose shards have meters. */
    private final java.util.Set<String> monitored = ConcurrentHashMap.newKeySet();

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A PutRecord call that found its stream: its outcome, the record's bytes when it was written. */
    public void putRecord(Stream stream, Shard shard, long bytes, boolean written, boolean throttled, long nanos) {
        Meters m = meters(stream);
        m.putRecordLatency.record(nanos, TimeUnit.NANOSECONDS);
        m.putRecordSuccess.record(written ? 1 : 0);
        if (written) {
            m.putRecordBytes.record(bytes);
            incoming(stream, shard, m, bytes);
        }
        if (throttled) {
            writeThrottled(stream, shard, m);
        }
    }

    /**
     * A PutRecords call that found its stream: {@code total} records, of which {@code failed} were
     * not written ({@code throttled} of them over their shard's rate); {@code writtenBytes} is what
     * the written ones held.
     */
    public void putRecords(Stream stream, long bytes, int total, int failed, int throttled, long writtenBytes, long nanos) {
        Meters m = meters(stream);
        m.putRecordsLatency.record(nanos, TimeUnit.NANOSECONDS);
        m.putRecordsSuccess.record(total - failed > 0 ? 1 : 0);
        m.putRecordsBytes.record(bytes);
        m.putRecordsTotal.increment(total);
        m.putRecordsSuccessful.increment(total - failed);
        m.putRecordsFailed.increment(failed - throttled);
        m.putRecordsThrottled.increment(throttled);
        m.incomingRecords.increment(total - failed);
        m.incomingBytes.increment(writtenBytes);
        m.writeThrottled.increment(throttled);
    }

    /** One record of a PutRecords call, written or throttled, for the shard-level metrics (nothing when they are off). */
    public void putRecordsEntry(Stream stream, Shard shard, long bytes, boolean written) {
        ShardMeters s = shardMeters(stream, shard);
        if (s == null) {
            return;
        }
        if (written) {
            s.count(ShardLevelMetric.IncomingBytes, bytes);
            s.count(ShardLevelMetric.IncomingRecords, 1);
        } else {
            s.count(ShardLevelMetric.WriteProvisionedThroughputExceeded, 1);
        }
    }

    /** A GetRecords call that was served; {@code iteratorAgeMillis} is how old its last record is (0 at the tip). */
    public void getRecords(Stream stream, Shard shard, int records, long bytes, long iteratorAgeMillis, long nanos) {
        Meters m = meters(stream);
        m.getRecordsLatency.record(nanos, TimeUnit.NANOSECONDS);
        m.getRecordsSuccess.record(1);
        m.getRecordsRecords.record(records);
        m.getRecordsBytes.record(bytes);
        m.iteratorAge.record(iteratorAgeMillis);
        ShardMeters s = shardMeters(stream, shard);
        if (s != null) {
            s.count(ShardLevelMetric.OutgoingBytes, bytes);
            s.count(ShardLevelMetric.OutgoingRecords, records);
            s.record(ShardLevelMetric.IteratorAgeMilliseconds, iteratorAgeMillis);
        }
    }

    /** A GetRecords call over its shard's read rate. */
    public void readThrottled(Stream stream, Shard shard) {
        Meters m = meters(stream);
        m.readThrottled.increment();
        m.getRecordsSuccess.record(0);
        ShardMeters s = shardMeters(stream, shard);
        if (s != null) {
            s.count(ShardLevelMetric.ReadProvisionedThroughputExceeded, 1);
        }
    }

    /** An event sent to an enhanced fan-out subscriber. */
    public void subscribeToShardEvent(Stream stream, Shard shard, int records, long bytes, long millisBehindLatest) {
        Meters m = meters(stream);
        m.eventMillisBehind.record(millisBehindLatest);
        m.eventRecords.increment(records);
        m.eventBytes.increment(bytes);
        ShardMeters s = shardMeters(stream, shard);
        if (s != null) {
            s.count(ShardLevelMetric.OutgoingBytes, bytes);
            s.count(ShardLevelMetric.OutgoingRecords, records);
        }
    }

    private void incoming(Stream stream, Shard shard, Meters m, long bytes) {
        m.incomingBytes.increment(bytes);
        m.incomingRecords.increment();
        ShardMeters s = shardMeters(stream, shard);
        if (s != null) {
            s.count(ShardLevelMetric.IncomingBytes, bytes);
            s.count(ShardLevelMetric.IncomingRecords, 1);
        }
    }

    private void writeThrottled(Stream stream, Shard shard, Meters m) {
        m.writeThrottled.increment();
        ShardMeters s = shardMeters(stream, shard);
        if (s != null) {
            s.count(ShardLevelMetric.WriteProvisionedThroughputExceeded, 1);
        }
    }

    private Meters meters(Stream stream) {
        return streams.computeIfAbsent(stream.topic(), topic -> new Meters(registry, stream.key().name()));
    }

    /** The shard's meters when enhanced monitoring is on for the stream, else null. */
    private ShardMeters shardMeters(Stream stream, Shard shard) {
        if (stream.shardLevelMetrics().isEmpty()) {
            if (monitored.remove(stream.topic())) {
                forgetShards(stream.topic());
            }
            return null;
        }
        monitored.add(stream.topic());
        return shards.computeIfAbsent(stream.topic() + "/" + shard.partition(),
                k -> new ShardMeters(new CloudWatchMeters(registry, "kinesis.shard.", "StreamName", stream.key().name(),
                        "ShardId", shard.id().toString()))).enable(stream.shardLevelMetrics());
    }

    @EventListener
    void forget(StreamDeleted deleted) {
        Meters m = streams.remove(deleted.topic());
        if (m != null) {
            m.meters.removeAll();
        }
        monitored.remove(deleted.topic());
        forgetShards(deleted.topic());
    }

    private void forgetShards(String topic) {
        shards.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(topic + "/")) {
                e.getValue().meters.removeAll();
                return true;
            }
            return false;
        });
    }

    /** One stream's meters. */
    private static final class Meters {
        final CloudWatchMeters meters;
        final Counter incomingBytes;
        final Counter incomingRecords;
        final DistributionSummary putRecordBytes;
        final Timer putRecordLatency;
        final DistributionSummary putRecordSuccess;
        final DistributionSummary putRecordsBytes;
        final Timer putRecordsLatency;
        final DistributionSummary putRecordsSuccess;
        final Counter putRecordsTotal;
        final Counter putRecordsSuccessful;
        final Counter putRecordsFailed;
        final Counter putRecordsThrottled;
        final DistributionSummary getRecordsBytes;
        final DistributionSummary getRecordsRecords;
        final Timer getRecordsLatency;
        final DistributionSummary getRecordsSuccess;
        final DistributionSummary iteratorAge;
        final Counter writeThrottled;
        final Counter readThrottled;
        final DistributionSummary eventMillisBehind;
        final Counter eventRecords;
        final Counter eventBytes;

        Meters(MeterRegistry registry, String stream) {
            CloudWatchMeters f = new CloudWatchMeters(registry, "kinesis.", "StreamName", stream);
            meters = f;
            incomingBytes = f.counter("IncomingBytes");
            incomingRecords = f.counter("IncomingRecords");
            putRecordBytes = f.summary("PutRecord.Bytes");
            putRecordLatency = f.timer("PutRecord.Latency");
            putRecordSuccess = f.summary("PutRecord.Success");
            putRecordsBytes = f.summary("PutRecords.Bytes");
            putRecordsLatency = f.timer("PutRecords.Latency");
            putRecordsSuccess = f.summary("PutRecords.Success");
            putRecordsTotal = f.counter("PutRecords.TotalRecords");
            putRecordsSuccessful = f.counter("PutRecords.SuccessfulRecords");
            putRecordsFailed = f.counter("PutRecords.FailedRecords");
            putRecordsThrottled = f.counter("PutRecords.ThrottledRecords");
            getRecordsBytes = f.summary("GetRecords.Bytes");
            getRecordsRecords = f.summary("GetRecords.Records");
            getRecordsLatency = f.timer("GetRecords.Latency");
            getRecordsSuccess = f.summary("GetRecords.Success");
            iteratorAge = f.summary("GetRecords.IteratorAgeMilliseconds");
            writeThrottled = f.counter("WriteProvisionedThroughputExceeded");
            readThrottled = f.counter("ReadProvisionedThroughputExceeded");
            eventMillisBehind = f.summary("SubscribeToShardEvent.MillisBehindLatest");
            eventRecords = f.counter("SubscribeToShardEvent.Records");
            eventBytes = f.counter("SubscribeToShardEvent.Bytes");
        }
    }

    /** One shard's meters: those of the metrics enhanced monitoring has on, made when it turns them on. */
    private static final class ShardMeters {
        final CloudWatchMeters meters;
        private List<String> enabledNames = List.of();
        private volatile Map<ShardLevelMetric, Meter> on = Map.of();

        ShardMeters(CloudWatchMeters meters) {
            this.meters = meters;
        }

        /** Makes the meters of metrics turned on since the last call and drops those turned off. */
        synchronized ShardMeters enable(List<String> names) {
            if (names.equals(enabledNames)) {
                return this;
            }
            Map<ShardLevelMetric, Meter> next = new EnumMap<>(ShardLevelMetric.class);
            for (ShardLevelMetric metric : ShardLevelMetric.of(names)) {
                Meter kept = on.get(metric);
                next.put(metric, kept != null ? kept : metric == ShardLevelMetric.IteratorAgeMilliseconds
                        ? meters.summary(metric.name())
                        : meters.counter(metric.name()));
            }
            on.forEach((metric, meter) -> {
                if (!next.containsKey(metric)) {
                    meters.remove(meter);
                }
            });
            on = next;
            enabledNames = List.copyOf(names);
            return this;
        }

        void count(ShardLevelMetric metric, double amount) {
            if (on.get(metric) instanceof Counter counter) {
                counter.increment(amount);
            }
        }

        void record(ShardLevelMetric metric, double value) {
            if (on.get(metric) instanceof DistributionSummary summary) {
                summary.record(value);
            }
        }
    }
}
