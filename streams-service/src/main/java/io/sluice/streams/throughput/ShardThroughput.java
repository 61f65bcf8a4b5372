package io.sluice.streams.throughput;

import io.sluice.common.error.ErrorCode;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.stream.StreamDeleted;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The per-shard throughput limits of a provisioned Kinesis shard: 1 MiB/s and 1,000 records/s in,
 * 2 MiB/s and 5 GetRecords calls/s out (scaled by configuration, or off). Each service instance
 * meters the requests it serves: with N instances behind a load balancer a shard can take up to N
 * times the configured rate.
 */
@Component
public class ShardThroughput {
    private record ShardKey(String topic, int shard) {
    }

    private final class Meters {
        final TokenBucket writeBytes;
        final TokenBucket writeRecords;
        final TokenBucket readBytes;
        final TokenBucket readCalls;

        Meters(long now) {
            writeBytes = new TokenBucket(settings.writeBytesPerSecond() * settings.scale(), now);
            writeRecords = new TokenBucket(settings.writeRecordsPerSecond() * settings.scale(), now);
            readBytes = new TokenBucket(settings.readBytesPerSecond() * settings.scale(), now);
            readCalls = new TokenBucket(settings.readCallsPerSecond() * settings.scale(), now);
        }
    }

    private final StreamsProperties.Throughput settings;
    private final LongSupplier nanoTime;
    private final Map<ShardKey, Meters> meters = new ConcurrentHashMap<>();

    @Autowired
    ShardThroughput(StreamsProperties properties) {
        this(properties.throughput(), System::nanoTime);
    }

    ShardThroughput(StreamsProperties.Throughput settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /**
     * Admits one record of {@code bytes} (data and partition key) into a shard, or refuses it
     * without using any of the shard's allowance.
     */
    public boolean admitWrite(Stream stream, Shard shard, long bytes) {
        if (!settings.enabled()) {
            return true;
        }
        Meters m = meters(stream, shard);
        long now = nanoTime.getAsLong();
        synchronized (m) {
            if (!m.writeRecords.holds(1, now) || !m.writeBytes.tryTake(bytes, now)) {
                return false;
            }
            m.writeRecords.debit(1, now);
            return true;
        }
    }

    /**
     * Admits one GetRecords call on a shard.
     *
     * @throws io.sluice.common.error.AwsException ProvisionedThroughputExceededException over 5
     *     calls a second, or while the bytes earlier calls returned exceed 2 MiB a second
     */
    public void admitRead(Stream stream, Shard shard) {
        if (!settings.enabled()) {
            return;
        }
        Meters m = meters(stream, shard);
        long now = nanoTime.getAsLong();
        synchronized (m) {
            if (!m.readBytes.holds(0, now) || !m.readCalls.tryTake(1, now)) {
                throw exceeded(stream, shard);
            }
        }
    }

    /** Counts the bytes a GetRecords call returned against the shard's read rate. */
    public void recordRead(Stream stream, Shard shard, long bytes) {
        if (settings.enabled()) {
            meters(stream, shard).readBytes.debit(bytes, nanoTime.getAsLong());
        }
    }

    /** The error a throttled request or record gets, worded as Kinesis words it. */
    public static String rateExceeded(Stream stream, Shard shard) {
        return String.format("Rate exceeded for shard %s in stream %s under account %s.", shard.id(), stream.key().name(),
                stream.key().accountId());
    }

    private static RuntimeException exceeded(Stream stream, Shard shard) {
        return ErrorCode.PROVISIONED_THROUGHPUT_EXCEEDED.exception("%s", rateExceeded(stream, shard));
    }

    private Meters meters(Stream stream, Shard shard) {
        return meters.computeIfAbsent(new ShardKey(stream.topic(), shard.partition()), k -> new Meters(nanoTime.getAsLong()));
    }

    @EventListener
    void forget(StreamDeleted deleted) {
        meters.keySet().removeIf(k -> k.topic().equals(deleted.topic()));
    }
}
