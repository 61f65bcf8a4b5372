package io.sluice.streams.shard;

import io.sluice.common.error.AwsException;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.work.DaemonThreads;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.throughput.WriteRates;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The automatic scaling of ON_DEMAND streams: a shard whose offered write rate (records written and
 * records throttled) stays above a provisioned shard's limits — 1,000 records/s or 1 MiB/s, as
 * scaled by the throughput settings — for the whole window (60 s) is split in two at the middle of
 * its hash-key range, as SplitShard would. At most one split per stream per check; the stream's
 * rates start over after a split, so its new shards are judged on their own load.
 */
@Component
class OnDemandScaling implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(OnDemandScaling.class);

    record Sample(long nanos, WriteRates.Totals totals) {
    }

    private final WriteRates rates;
    private final StreamCatalog catalog;
    private final StreamResharding resharding;
    private final StreamsProperties.Throughput limits;
    private final long windowNanos;
    private final Map<WriteRates.ShardKey, Deque<Sample>> samples = new HashMap<>();
    private final ScheduledExecutorService checker;

    OnDemandScaling(WriteRates rates, StreamCatalog catalog, StreamResharding resharding, StreamsProperties properties) {
        this.rates = rates;
        this.catalog = catalog;
        this.resharding = resharding;
        this.limits = properties.throughput();
        this.windowNanos = properties.onDemand().window().toNanos();
        this.checker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("on-demand-scaling", false));
        if (properties.onDemand().enabled()) {
            long every = properties.onDemand().checkEvery().toMillis();
            checker.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("ON_DEMAND scaling check failed: {}", e.toString());
        }
    }

    /** Samples every counted shard, then splits the busiest sustained-hot shard of each stream. */
    void check() {
        long now = System.nanoTime();
        Map<Long, WriteRates.ShardKey> hottest = new HashMap<>();
        Map<Long, Double> hottestLoad = new HashMap<>();
        rates.totals().forEach((key, totals) -> {
            Deque<Sample> window = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
            window.addLast(new Sample(now, totals));
            while (window.size() > 2 && now - window.peekFirst().nanos() > windowNanos) {
                window.removeFirst();
            }
            double load = sustainedLoad(window);
            if (load > 1.0 && load > hottestLoad.getOrDefault(key.streamId(), 0.0)) {
                hottest.put(key.streamId(), key);
                hottestLoad.put(key.streamId(), load);
            }
        });
        for (WriteRates.ShardKey key : hottest.values()) {
            split(key);
        }
    }

    private double sustainedLoad(Deque<Sample> window) {
        return sustainedLoad(window, windowNanos, limits.writeRecordsPerSecond() * limits.scale(),
                limits.writeBytesPerSecond() * limits.scale());
    }

    /**
     * The lowest load over the window, in multiples of the shard limit: above 1.0 the shard was over
     * its limit in every interval of the window. Zero until the samples span (90 % of) the window.
     */
    static double sustainedLoad(Deque<Sample> window, long windowNanos, double recordsPerSecond, double bytesPerSecond) {
        Sample first = window.peekFirst();
        Sample last = window.peekLast();
        if (first == null || last.nanos() - first.nanos() < windowNanos * 9 / 10) {
            return 0;
        }
        double lowest = Double.MAX_VALUE;
        Sample previous = null;
        for (Sample sample : window) {
            if (previous != null) {
                double seconds = (sample.nanos() - previous.nanos()) / 1e9;
                double records = (sample.totals().records() - previous.totals().records()) / seconds;
                double bytes = (sample.totals().bytes() - previous.totals().bytes()) / seconds;
                lowest = Math.min(lowest, Math.max(records / recordsPerSecond, bytes / bytesPerSecond));
            }
            previous = sample;
        }
        return lowest == Double.MAX_VALUE ? 0 : lowest;
    }

    private void split(WriteRates.ShardKey key) {
        Optional<Stream> found = catalog.find(key.streamId());
        if (found.isEmpty() || found.get().mode() != StreamMode.ON_DEMAND) {
            forget(key.streamId());
            return;
        }
        Stream stream = found.get();
        Optional<Shard> shard = stream.shards().stream().filter(s -> s.partition() == key.shard() && s.open()).findFirst();
        if (stream.status() != StreamStatus.ACTIVE || shard.isEmpty()) {
            return;
        }
        HashKeyRange range = shard.get().range();
        BigInteger middle = range.start().add(range.end().subtract(range.start()).add(BigInteger.ONE).shiftRight(1));
        if (middle.compareTo(range.start()) <= 0) {
            return; // a shard of one hash key cannot be split
        }
        try {
            resharding.split(stream.key(), shard.get().id().toString(), middle);
            log.info("ON_DEMAND stream {}: split {}, over its write limit for {} s", stream.key(), shard.get().id(),
                    windowNanos / 1_000_000_000L);
            forget(key.streamId());
        } catch (AwsException e) {
            log.info("ON_DEMAND stream {}: could not split {}: {}", stream.key(), shard.get().id(), e.getMessage());
        }
    }

    private void forget(long streamId) {
        rates.forget(streamId);
        samples.keySet().removeIf(k -> k.streamId() == streamId);
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
