package io.sluice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Samples the rate of a running counter: a warm-up, then several measured intervals. */
final class Sampler {
    private Sampler() {
    }

    /** Rates (per second) of {@code counter} over each of {@code iterations} intervals after the warm-up. */
    static List<Double> rates(LongSupplier counter, Duration warmUp, int iterations, Duration interval, Runnable measuring)
            throws InterruptedException {
        Thread.sleep(warmUp.toMillis());
        measuring.run();
        List<Double> rates = new ArrayList<>();
        long count = counter.getAsLong();
        long at = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            Thread.sleep(interval.toMillis());
            long nowCount = counter.getAsLong();
            long now = System.nanoTime();
            rates.add((nowCount - count) / ((now - at) / 1e9));
            count = nowCount;
            at = now;
        }
        return rates;
    }
}
