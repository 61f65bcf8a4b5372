package io.sluice.bench;

import java.time.Duration;
import java.util.List;

/**
 * What one benchmark run measures and for how long.
 *
 * @param recordSizes record data sizes of the ingest runs
 * @param concurrencies PutRecords requests in flight at once
 * @param warmUp time before measuring each run
 * @param iterations measured intervals per run
 * @param interval length of each measured interval
 * @param backlogRecords records per shard read back by each catch-up run (of {@link #READ_SIZES}, over {@link #READ_SHARDS})
 * @param latencySamples records timed from put to get
 * @param jitWarmUp unmeasured ingest before a target's first run, so that its JIT compilers have
 *     settled (the one-process platform keeps C2 busy for about two minutes after start)
 */
record Settings(List<Integer> recordSizes, List<Integer> concurrencies, Duration warmUp, int iterations, Duration interval,
        int backlogRecords, int latencySamples, Duration jitWarmUp) {

    /** Record sizes of the catch-up runs. */
    static final List<Integer> READ_SIZES = List.of(1024, 100);
    /** Catch-ups of each backlog, the median reported: 5, or 3 when they take 30 s (emulators). */
    static final int READ_ITERATIONS = 5;
    /** Whether to run another catch-up of a backlog, given the rates so far and when the first began. */
    static boolean moreCatchUps(List<Double> rates, long startedNanos) {
        return rates.size() < 3 || rates.size() < READ_ITERATIONS && System.nanoTime() - startedNanos < 30_000_000_000L;
    }

    /** Shards of the catch-up runs' streams, read in parallel (partitions of raw Kafka's topics). */
    static final List<Integer> READ_SHARDS = List.of(1, 4);

    static Settings full() {
        return new Settings(List.of(100, 1024, 100 * 1024), List.of(1, 8), Duration.ofSeconds(5), 3, Duration.ofSeconds(5),
                20_000, 500, Duration.ofSeconds(120));
    }

    static Settings quick() {
        return new Settings(List.of(100, 1024, 100 * 1024), List.of(1, 8), Duration.ofSeconds(1), 2, Duration.ofSeconds(2),
                5_000, 100, Duration.ofSeconds(10));
    }

    /** The most requests in flight of any run: the first minute's and the JIT warm-ups'. */
    int maxConcurrency() {
        return concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** One unmeasured chunk of the JIT warm-up: {@code time} of ingest, no measured interval. */
    Settings warmUpChunk(Duration time) {
        return new Settings(recordSizes, concurrencies, time, 0, interval, backlogRecords, latencySamples, Duration.ZERO);
    }

    /** Measured from the first record: no warm-up, {@code iterations} intervals of {@code every}. */
    Settings measuredFromStart(int iterations, Duration every) {
        return new Settings(recordSizes, concurrencies, Duration.ZERO, iterations, every, backlogRecords, latencySamples, Duration.ZERO);
    }

    Settings withJitWarmUp(Duration time) {
        return new Settings(recordSizes, concurrencies, warmUp, iterations, interval, backlogRecords, latencySamples, time);
    }

    Settings withRecordSizes(List<Integer> sizes) {
        return new Settings(sizes, concurrencies, warmUp, iterations, interval, backlogRecords, latencySamples, jitWarmUp);
    }

    Settings withConcurrencies(List<Integer> inFlight) {
        return new Settings(recordSizes, inFlight, warmUp, iterations, interval, backlogRecords, latencySamples, jitWarmUp);
    }

    Settings withWarmUp(Duration time) {
        return new Settings(recordSizes, concurrencies, time, iterations, interval, backlogRecords, latencySamples, jitWarmUp);
    }

    /**
     * Unmeasured catch-ups before a target's read runs: the whole JIT warm-up in a run without
     * ingest; after ingest (which warmed everything but the read path) a shorter one. Without it
     * the first backlog read is also the read path's first call.
     */
    Duration readWarmUp() {
        return recordSizes.isEmpty() || jitWarmUp.compareTo(Duration.ofSeconds(30)) < 0 ? jitWarmUp : Duration.ofSeconds(30);
    }

    /** Ingest runs only: no catch-up or propagation runs. */
    Settings withoutReads() {
        return new Settings(recordSizes, concurrencies, warmUp, iterations, interval, 0, 0, jitWarmUp);
    }

    /** Records per PutRecords request: 500, or fewer where 500 would pass the 5 MiB request limit. */
    static int batchSize(int recordBytes) {
        return Math.min(500, (5 * 1024 * 1024 - 64 * 1024) / (recordBytes + 40));
    }
}
