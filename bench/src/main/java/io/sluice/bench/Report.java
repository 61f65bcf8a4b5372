package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the results as a Markdown page with the machine, versions and settings they were measured with. */
final class Report {
    static final String SLUICE = "Sluice";
    /** Sluice with a key it knows: every request's body hashed and its SigV4 signature verified. */
    static final String SLUICE_VERIFIED = "Sluice (verified)";
    static final String SLUICE_HTTP2 = "Sluice (HTTP/2)";
    static final String SLUICE_JS_HTTP1 = "Sluice (JS SDK HTTP/1.1)";
    static final String SLUICE_JS_HTTP2 = "Sluice (JS SDK HTTP/2)";
    static final String KAFKA = "raw Kafka";
    /** The same client against {@link NoOpServer}: what the client alone costs and reaches on these cores. */
    static final String NO_OP = "no-op server";
    /** The JavaScript SDK against {@link NoOpServer}: its own ceiling over each protocol. */
    static final String NO_OP_JS_HTTP1 = "no-op server (JS SDK HTTP/1.1)";
    static final String NO_OP_JS_HTTP2 = "no-op server (JS SDK HTTP/2)";
    static final String KINESALITE = "kinesalite";
    static final String KINESIS_MOCK = "kinesis-mock";

    private Report() {
    }

    static void write(Path file, Results results, Settings settings, Map<String, String> environment) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Sluice benchmarks\n\n");
        md.append("Written by `./bench/run`: every number below comes from one run on one machine, all targets side by side. ")
                .append("Medians over the measured intervals, with the spread (min–max). The machines are shared and noisy: ")
                .append("compare ratios measured in the same run, not absolute numbers across runs.\n\n");
        md.append("![ingest](ingest.png)\n\n");
        md.append("## Machine, versions, settings\n\n");
        environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- JIT warm-up: ").append(settings.jitWarmUp().toSeconds())
                .append(" s of unmeasured ingest (all record sizes, most requests in flight) before each target's first run; ")
                .append("the one-process platform keeps the C2 compiler busy for about two minutes after start.\n");
        md.append("- Warm-up ").append(settings.warmUp().toSeconds()).append(" s, then ").append(settings.iterations())
                .append(" intervals of ").append(settings.interval().toSeconds()).append(" s per run; ingest streams have 4 shards;")
                .append(" PutRecords batches of ").append(Settings.batchSize(100)).append(" (100 B, 1 KiB) and ")
                .append(Settings.batchSize(100 * 1024)).append(" (100 KiB) records; random partition keys.\n");
        md.append("- Sluice is started as a user starts it: `./sluice-local`, with the class-data-sharing archive the script makes ")
                .append("after a build (an unmeasured start lists the classes first), and -Xmx2g.\n");
        md.append("- Throughput limits: off in Sluice (-Dsluice.streams.throughput.enabled=false); kinesalite and kinesis-mock have none.\n");
        md.append("- Server CPU is the target process' user+system time over the measured intervals; peak RSS is its VmHWM, ")
                .append("reset at the start of each run. Raw Kafka runs against the broker inside the Sluice process, so their ")
                .append("server figures are the broker's alone. Client CPU is the benchmark JVM's own time over the same intervals ")
                .append("(the Node.js process' in the JavaScript SDK rows): clients and servers compete for the same two cores.\n\n");

        md.append("## Ingest (PutRecords, AWS SDK for Java v2 async client, CBOR)\n\n");
        md.append("| target | record | in flight | records/s | spread | MiB/s | server CPU s | client CPU s | peak RSS MiB |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Results.Ingest r : results.ingest) {
            md.append(String.format("| %s | %s | %d | %,.0f | %,.0f–%,.0f | %.1f | %.1f | %.1f | %.0f |%n", r.target(),
                    Chart.size(r.recordBytes()), r.concurrency(), r.median(), Stats.min(r.rates()), Stats.max(r.rates()),
                    r.mibPerSecond(), r.usage().cpuSeconds(), r.usage().clientCpuSeconds(), r.usage().peakRssMiB()));
        }
        md.append("\n\"In flight\" is concurrent PutRecords requests; for raw Kafka it is batches' worth of unacknowledged records.\n\n");

        for (Results.FirstMinute r : results.firstMinute) {
            md.append("## The first minute after start\n\n");
            md.append(String.format("%s, %s records at %d PutRecords in flight from the moment it said it was ready (four runs of ",
                    r.target(), Chart.size(r.recordBytes()), r.concurrency()))
                    .append("15 s on new streams, records per second every 5 s), before any warm-up of Sluice; the benchmark's ")
                    .append("client had ingested for a minute against the no-op server before Sluice started, so that only ")
                    .append("the server is cold. The warm figure is the same row measured after the JIT warm-up.\n\n| second | ");
            for (int i = 0; i < r.rates().size(); i++) {
                md.append(5 * (i + 1)).append(" | ");
            }
            md.append("mean | warm |\n|").append("---|".repeat(r.rates().size() + 3)).append("\n| records/s | ");
            r.rates().forEach(rate -> md.append(String.format("%,.0f | ", rate)));
            md.append(String.format("%,.0f | %,.0f |%n%n", r.mean(), results.ingest(r.target(), r.recordBytes(), r.concurrency())));
        }

        md.append("## Ratios, pair by pair\n\n");
        md.append("| record | in flight | Sluice records/s | ÷ raw Kafka | ÷ kinesalite | ÷ kinesis-mock |\n|---|---|---|---|---|---|\n");
        for (int size : settings.recordSizes()) {
            for (int c : settings.concurrencies()) {
                double sluice = results.ingest(SLUICE, size, c);
                md.append(String.format("| %s | %d | %,.0f | %s | %s | %s |%n", Chart.size(size), c, sluice,
                        ratio(sluice, results.bestIngest(KAFKA, size)),
                        ratio(sluice, results.ingest(KINESALITE, size, c)),
                        ratio(sluice, results.ingest(KINESIS_MOCK, size, c))));
            }
        }
        md.append("\nSluice against raw Kafka compares with raw Kafka's best for that record size.\n\n");

        md.append("## Read: GetRecords catch-up over a backlog\n\n");
        md.append("Each shard holds the backlog; one reader per shard, in parallel, reads it from TRIM_HORIZON to the tip with ")
                .append("GetRecords of Limit 10000 (raw Kafka: one consumer per partition from the beginning to the end offset); ")
                .append("the median of ").append(Settings.READ_ITERATIONS).append(" catch-ups (3 where they took over 30 s), after unmeasured ones that warm the read path.\n\n");
        md.append("| target | record | shards | backlog | records/s | spread | MiB/s | server CPU s | client CPU s | peak RSS MiB |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Results.CatchUp r : results.catchUp) {
            double median = r.median();
            md.append(String.format("| %s | %s | %d | %,d | %,.0f | %,.0f–%,.0f | %.1f | %.1f | %.1f | %.0f |%n", r.target(),
                    Chart.size(r.recordBytes()), r.shards(), r.records(), median, Stats.min(r.rates()), Stats.max(r.rates()),
                    median * r.recordBytes() / (1024.0 * 1024.0), r.usage().cpuSeconds(), r.usage().clientCpuSeconds(),
                    r.usage().peakRssMiB()));
        }
        md.append("\n| record | shards | Sluice records/s | ÷ raw Kafka (goal ≥ 0.7×) | ÷ kinesalite (goal ≥ 3×) |\n|---|---|---|---|---|\n");
        for (int size : Settings.READ_SIZES) {
            for (int shards : Settings.READ_SHARDS) {
                double sluice = results.catchUp(SLUICE, size, shards);
                if (Double.isNaN(sluice)) {
                    continue;
                }
                md.append(String.format("| %s | %d | %,.0f | %s | %s |%n", Chart.size(size), shards, sluice,
                        ratio(sluice, results.catchUp(KAFKA, size, shards)), ratio(sluice, results.catchUp(KINESALITE, size, shards))));
            }
        }

        md.append("\n## Propagation: put → get latency for a poller at the tail\n\n");
        md.append("One 100-byte record every 10 ms; the poller calls GetRecords again at once after records and after 2 ms when empty ")
                .append("(raw Kafka: a consumer polling).\n\n");
        md.append("| target | samples | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        for (Results.Propagation r : results.propagation) {
            md.append(String.format("| %s | %d | %.1f | %.1f | %.1f |%n", r.target(), r.latencies().size(),
                    Stats.percentile(r.latencies(), 50), Stats.percentile(r.latencies(), 99), Stats.max(r.latencies())));
        }

        if (!results.fanOut.isEmpty()) {
            md.append("\n## Enhanced fan-out: put → event latency for a SubscribeToShard subscriber\n\n");
            md.append("One 100-byte record every 10 ms (PutRecord over HTTP/1.1), an enhanced fan-out consumer subscribed at LATEST ")
                    .append("with the SDK's KinesisAsyncClient over HTTP/2; the latency runs from just before the put to the event's ")
                    .append("arrival in the subscriber.\n\n");
            md.append("| target | samples | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
            for (Results.Propagation r : results.fanOut) {
                md.append(String.format("| %s | %d | %.1f | %.1f | %.1f |%n", r.target(), r.latencies().size(),
                        Stats.percentile(r.latencies(), 50), Stats.percentile(r.latencies(), 99), Stats.max(r.latencies())));
            }
        }

        if (!results.putCalls.isEmpty()) {
            md.append("\n## A PutRecord call at low load\n\n");
            md.append("One 100-byte record every 10 ms, the SDK's KinesisAsyncClient over HTTP/1.1 waiting for each answer (Sluice: ")
                    .append("during the fan-out run). Anchors: the same calls answered by the no-op server (the client and one HTTP ")
                    .append("round trip, nothing else) and raw Kafka's producer waiting for each acknowledgement (acks=all, no linger).\n\n");
            md.append("| target | samples | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
            for (Results.Propagation r : results.putCalls) {
                md.append(String.format("| %s | %d | %.1f | %.1f | %.1f |%n", callLabel(r.target()), r.latencies().size(),
                        Stats.percentile(r.latencies(), 50), Stats.percentile(r.latencies(), 99), Stats.max(r.latencies())));
            }
        }

        md.append("\n## Against the targets\n\n");
        double sluice1k = results.bestIngest(SLUICE, 1024);
        double measuredSeconds = settings.iterations() * settings.interval().toMillis() / 1000.0;
        for (int size : List.of(1024, 100)) {
            Results.Ingest sluice = results.bestIngestRun(SLUICE, size);
            Results.Ingest kafka = results.bestIngestRun(KAFKA, size);
            if (sluice == null || kafka == null) {
                continue;
            }
            double sluiceMicros = sluice.microsPerRecord(sluice.usage().cpuSeconds(), measuredSeconds);
            double kafkaMicros = kafka.microsPerRecord(kafka.usage().cpuSeconds(), measuredSeconds);
            md.append(String.format("- Ingest ≥ 0.8× raw Kafka at %s: %s; server CPU per record %.2f µs against the broker's %.2f µs "
                    + "(%s, goal ≤ 3×).%n", Chart.size(size), ratio(sluice.median(), kafka.median()), sluiceMicros, kafkaMicros,
                    ratio(sluiceMicros, kafkaMicros)));
            Results.Ingest client = results.bestIngestRun(NO_OP, size);
            if (client != null) {
                md.append(budget(client.median(), kafka.median(), 0.8,
                        client.microsPerRecord(client.usage().clientCpuSeconds(), measuredSeconds), kafkaMicros, sluiceMicros));
            }
        }
        for (int size : Settings.READ_SIZES) {
            for (int shards : Settings.READ_SHARDS) {
                Results.CatchUp sluice = results.catchUpRun(SLUICE, size, shards);
                Results.CatchUp kafka = results.catchUpRun(KAFKA, size, shards);
                Results.CatchUp client = results.catchUpRun(NO_OP, size, shards);
                if (sluice == null || kafka == null || client == null) {
                    continue;
                }
                double brokerMicros = kafka.microsPerRecord(kafka.usage().cpuSeconds());
                md.append(String.format("- Catch-up ≥ 0.7× raw Kafka at %s over %d shard(s): %s; server CPU per record read %.2f µs "
                        + "against the broker's %.2f µs.%n", Chart.size(size), shards, ratio(sluice.median(), kafka.median()),
                        sluice.microsPerRecord(sluice.usage().cpuSeconds()), brokerMicros));
                md.append(budget(client.median(), kafka.median(), 0.7, client.microsPerRecord(client.usage().clientCpuSeconds()),
                        brokerMicros, sluice.microsPerRecord(sluice.usage().cpuSeconds())));
            }
        }
        results.firstMinute.forEach(r -> md.append(String.format("- The first minute after start ≥ 0.7× warm (%s × %d): %s.%n",
                Chart.size(r.recordBytes()), r.concurrency(), ratio(r.mean(), results.ingest(r.target(), r.recordBytes(), r.concurrency())))));
        md.append(String.format("- HTTP/2 (h2c, the async client) ≥ 0.9× HTTP/1.1 at 1 KiB, same process: %s.%n",
                ratio(results.bestIngest(SLUICE_HTTP2, 1024), sluice1k)));
        md.append(String.format("- HTTP/2 ≥ 0.9× HTTP/1.1 with the JavaScript SDK v3 (1 KiB, %d loops of PutRecords, same process): %s.%n",
                JsSdkDriver.LOOPS, ratio(results.bestIngest(SLUICE_JS_HTTP2, 1024), results.bestIngest(SLUICE_JS_HTTP1, 1024))));
        Results.Ingest jsHttp1 = results.bestIngestRun(NO_OP_JS_HTTP1, 1024);
        Results.Ingest jsHttp2 = results.bestIngestRun(NO_OP_JS_HTTP2, 1024);
        if (jsHttp1 != null && jsHttp2 != null) {
            md.append(String.format("  The same client against the no-op server (its own ceiling): %,.0f records/s over HTTP/2, %,.0f over "
                    + "HTTP/1.1 (%s), Node.js spending %.2f µs of CPU per record over HTTP/2 and %.2f µs over HTTP/1.1; Sluice over "
                    + "HTTP/2 reaches %s of the client's HTTP/2 ceiling.%n", jsHttp2.median(), jsHttp1.median(),
                    ratio(jsHttp2.median(), jsHttp1.median()), jsHttp2.microsPerRecord(jsHttp2.usage().clientCpuSeconds(), measuredSeconds),
                    jsHttp1.microsPerRecord(jsHttp1.usage().clientCpuSeconds(), measuredSeconds),
                    percent(results.bestIngest(SLUICE_JS_HTTP2, 1024), jsHttp2.median())));
        }
        md.append(String.format("- SigV4 verification costs at most a few percent of ingest: a verified key's ingest is %s of an "
                + "unverified one's at 1 KiB (same process, same run).%n", percent(results.bestIngest(SLUICE_VERIFIED, 1024), sluice1k)));
        md.append(String.format("- ≥ 5× kinesalite: %s (1 KiB, best concurrency of each).%n", ratio(sluice1k, results.bestIngest(KINESALITE, 1024))));
        md.append(String.format("- ≥ 100× kinesis-mock: %s (1 KiB, best concurrency of each).%n", ratio(sluice1k, results.bestIngest(KINESIS_MOCK, 1024))));
        results.propagation.stream().filter(p -> p.target().equals(SLUICE)).findFirst().ifPresent(p -> md.append(String.format(
                "- Propagation for a GetRecords poller p50 ≤ 4 ms, p99 ≤ 10 ms: %.1f / %.1f ms.%n", Stats.percentile(p.latencies(), 50),
                Stats.percentile(p.latencies(), 99))));
        results.fanOut.stream().filter(p -> p.target().equals(SLUICE)).findFirst().ifPresent(p -> md.append(String.format(
                "- SubscribeToShard put → event p50 ≤ 4 ms, p99 ≤ 10 ms: %.1f / %.1f ms.%n", Stats.percentile(p.latencies(), 50),
                Stats.percentile(p.latencies(), 99))));
        results.putCalls.stream().filter(p -> p.target().equals(SLUICE)).findFirst().ifPresent(p -> md.append(String.format(
                "- PutRecord call p99 ≤ 8 ms at low load (one record every 10 ms): p50 %.1f / p99 %.1f ms%s.%n",
                Stats.percentile(p.latencies(), 50), Stats.percentile(p.latencies(), 99), callAnchors(results))));
        if (!results.notes.isEmpty()) {
            md.append("\n## Notes from this run\n\n");
            results.notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Files.writeString(file, md.toString());
    }

    private static String callLabel(String target) {
        return switch (target) {
            case KAFKA -> "raw Kafka, a send until acknowledged";
            case NO_OP -> "no-op server (the client and one round trip)";
            default -> target;
        };
    }

    /** The p50 / p99 of the PutRecord call's anchors measured in the run, or nothing. */
    private static String callAnchors(Results results) {
        StringBuilder anchors = new StringBuilder();
        for (String anchor : List.of(NO_OP, KAFKA)) {
            results.putCalls.stream().filter(p -> p.target().equals(anchor)).findFirst().ifPresent(p -> anchors.append(String.format(
                    "; %s %.1f / %.1f ms", callLabel(anchor), Stats.percentile(p.latencies(), 50), Stats.percentile(p.latencies(), 99))));
        }
        return anchors.toString();
    }

    /**
     * The CPU per record the cores leave for Sluice at {@code goal}× the anchor's rate, once the
     * client (its CPU per record against the no-op server) and the broker have theirs: the cores are
     * shared, so these come first.
     */
    private static String budget(double clientRate, double anchorRate, double goal, double clientMicros, double brokerMicros,
            double sluiceMicros) {
        int cores = Runtime.getRuntime().availableProcessors();
        double left = 1e6 * cores / (goal * anchorRate) - clientMicros - brokerMicros;
        return String.format("  What %d cores leave for it: the SDK client against a no-op server reaches %,.0f records/s "
                + "(%s raw Kafka) and spends %.2f µs of CPU per record; at %.1f× raw Kafka (%,.0f records/s) the client and the "
                + "broker (%.2f µs) leave %s per record for all else Sluice does, which takes %.2f µs today.%n", cores,
                clientRate, ratio(clientRate, anchorRate), clientMicros, goal, goal * anchorRate, brokerMicros,
                left > 0 ? String.format("%.2f µs", left) : "no CPU", sluiceMicros - brokerMicros);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? "n/a" : String.format("%.2f×", a / b);
    }

    private static String percent(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? "n/a" : String.format("%.0f %%", 100 * a / b);
    }

    static List<String> targets() {
        return List.of(SLUICE, SLUICE_HTTP2, SLUICE_JS_HTTP1, SLUICE_JS_HTTP2, SLUICE_VERIFIED, KAFKA, NO_OP, KINESALITE, KINESIS_MOCK);
    }
}
