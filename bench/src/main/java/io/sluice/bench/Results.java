package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything one benchmark run measured. */
final class Results {
    /** Records per second over the measured intervals of one ingest run. */
    record Ingest(String target, int recordBytes, int concurrency, List<Double> rates, ResourceMeter.Usage usage) {
        double median() {
            return Stats.median(rates);
        }

        double mibPerSecond() {
            return median() * recordBytes / (1024.0 * 1024.0);
        }

        /** Microseconds of {@code cpuSeconds} per record at the median rate over {@code measuredSeconds}. */
        double microsPerRecord(double cpuSeconds, double measuredSeconds) {
            return 1e6 * cpuSeconds / (median() * measuredSeconds);
        }
    }

    /**
     * Records per second of repeated catch-up reads over the same backlog of {@code records} records
     * of {@code recordBytes}, spread over {@code shards} shards read in parallel.
     */
    record CatchUp(String target, int recordBytes, int shards, int records, List<Double> rates, ResourceMeter.Usage usage) {
        double median() {
            return Stats.median(rates);
        }

        /** Microseconds of {@code cpuSeconds} per record read over the measured catch-ups. */
        double microsPerRecord(double cpuSeconds) {
            return 1e6 * cpuSeconds / ((double) records * rates.size());
        }
    }

    /** Put-to-get latencies in milliseconds. */
    record Propagation(String target, List<Double> latencies) {
    }

    /** Records per second in each interval of the first minute after start (see {@link FirstMinute}). */
    record FirstMinute(String target, int recordBytes, int concurrency, List<Double> rates) {
        double mean() {
            return rates.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    final List<Ingest> ingest = new ArrayList<>();
    final List<FirstMinute> firstMinute = new ArrayList<>();
    final List<CatchUp> catchUp = new ArrayList<>();
    final List<Propagation> propagation = new ArrayList<>();
    /** Put-to-event latencies of a SubscribeToShard subscriber (Sluice only: the emulators lack it or were not tried). */
    final List<Propagation> fanOut = new ArrayList<>();
    /** PutRecord call latencies in milliseconds, one record every 10 ms (Sluice: during the fan-out run), with their anchors. */
    final List<Propagation> putCalls = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    /** A target's catch-up median for a record size and shard count, NaN if it was not measured. */
    double catchUp(String target, int recordBytes, int shards) {
        CatchUp run = catchUpRun(target, recordBytes, shards);
        return run == null ? Double.NaN : run.median();
    }

    /** A target's catch-ups for a record size and shard count, null if they were not measured. */
    CatchUp catchUpRun(String target, int recordBytes, int shards) {
        return catchUp.stream()
                .filter(r -> r.target().equals(target) && r.recordBytes() == recordBytes && r.shards() == shards)
                .findFirst().orElse(null);
    }

    /** The run in which a target reached its best median rate for a record size, null if none. */
    Ingest bestIngestRun(String target, int recordBytes) {
        return ingest.stream()
                .filter(r -> r.target().equals(target) && r.recordBytes() == recordBytes)
                .max(java.util.Comparator.comparingDouble(Ingest::median)).orElse(null);
    }

    /** The best median rate a target reached for a record size, over the concurrencies tried. */
    double bestIngest(String target, int recordBytes) {
        return ingest.stream()
                .filter(r -> r.target().equals(target) && r.recordBytes() == recordBytes)
                .mapToDouble(Ingest::median).max().orElse(Double.NaN);
    }

    double ingest(String target, int recordBytes, int concurrency) {
        return ingest.stream()
                .filter(r -> r.target().equals(target) && r.recordBytes() == recordBytes && r.concurrency() == concurrency)
                .mapToDouble(Ingest::median).findFirst().orElse(Double.NaN);
    }
}
