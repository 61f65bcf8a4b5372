package io.sluice.bench;

import io.sluice.engines.Directories;
import io.sluice.engines.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmark: Sluice (the local launcher's jar as a child process), raw Kafka against
 * Sluice's own broker, kinesalite and kinesis-mock, one after the other so that they do not share
 * the cores, and writes {@code docs/benchmarks/README.md} and {@code ingest.png}.
 */
public final class BenchMain {
    private final Settings settings;
    private final Path root;
    private final Path work;
    private final Results results = new Results();
    /** The key the launcher knows: requests signed with it are verified (SigV4 over the body) even in permissive mode. */
    private static final String VERIFIED_KEY = "AKIDSLUICEBENCH00001";
    private static final String VERIFIED_SECRET = "bench-verified-secret";
    private final List<String> targets;
    /** What a run measures: the default (ingest, reads, latency) or one of the other pages. */
    private enum Mode { DEFAULT, JMH, FIREHOSE, ANALYTICS, STARTUP }

    private final Mode mode;
    private final Path out;

    private BenchMain(Settings settings, Path root, List<String> targets, Mode mode, Path out) throws IOException {
        this.mode = mode;
        this.out = out;
        this.settings = settings;
        this.root = root;
        this.targets = targets;
        this.work = Files.createTempDirectory("sluice-bench");
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        Settings settings = options.contains("--quick") ? Settings.quick() : Settings.full();
        String sizes = option(options, "--sizes");
        if (sizes != null) {
            settings = settings.withRecordSizes(numbers(sizes));
        }
        String inFlight = option(options, "--in-flight");
        if (inFlight != null) {
            settings = settings.withConcurrencies(numbers(inFlight));
        }
        String warmUp = option(options, "--warm-up");
        if (warmUp != null) {
            settings = settings.withWarmUp(Duration.ofSeconds(Long.parseLong(warmUp)));
        }
        String jitWarmUp = option(options, "--jit-warm-up");
        if (jitWarmUp != null) {
            settings = settings.withJitWarmUp(Duration.ofSeconds(Long.parseLong(jitWarmUp)));
        }
        if (options.contains("--ingest-only")) {
            settings = settings.withoutReads();
        }
        if (options.contains("--reads-only")) {
            settings = settings.withRecordSizes(List.of());
        }
        String only = option(options, "--only");
        List<String> targets = only == null ? Report.targets() : List.of(only.split(","));
        Path root = Path.of("").toAbsolutePath();
        String outOption = option(options, "--out");
        Path out = outOption == null ? root.resolve("docs/benchmarks") : Path.of(outOption).toAbsolutePath();
        Mode mode = Arrays.stream(Mode.values()).filter(m -> options.contains("--" + m.name().toLowerCase(Locale.ROOT)))
                .findFirst().orElse(Mode.DEFAULT);
        BenchMain bench = new BenchMain(settings, root, targets, mode, out);
        try {
            bench.run();
        } finally {
            Directories.deleteRecursively(bench.work);
        }
    }

    private static String option(List<String> options, String name) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : null;
    }

    private static List<Integer> numbers(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Map<String, String> environment = Environment.describe(root);
        switch (mode) {
            case FIREHOSE -> new FirehoseBench(root, work, out).run(javaBin(), environment);
            case ANALYTICS -> new AnalyticsBench(root, work, out).run(javaBin(), environment);
            case STARTUP -> new StartupBench(root, work, out).run(environment);
            case JMH -> {
                Microbenchmarks.run(out, environment);
                System.out.println("Wrote " + out.resolve("jmh.md"));
            }
            case DEFAULT -> runDefault(environment);
        }
    }

    /** Sluice, raw Kafka, the no-op server and the emulators: docs/benchmarks/README.md and ingest.png. */
    private void runDefault(Map<String, String> environment) throws Exception {
        runSluiceAndKafka();
        if (targets.contains(Report.NO_OP)) {
            int port = FreePorts.pick();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            try (ManagedProcess server = NoOpServer.start(javaBin(), port, work); KinesisDriver driver = new KinesisDriver(endpoint)) {
                kinesisRuns(Report.NO_OP, driver, new ResourceMeter(server.pid()));
                if (targets.contains(Report.SLUICE_JS_HTTP2)) {
                    // The JavaScript SDK's own ceiling over each protocol, the anchor of its rows.
                    new JsSdkDriver(root, endpoint).runs(Report.NO_OP_JS_HTTP1, Report.NO_OP_JS_HTTP2, driver,
                            new ResourceMeter(server.pid()), settings, results);
                }
            }
        }
        if (targets.contains(Report.KINESALITE)) {
            // kinesalite's CBOR responses arrive truncated once they hold more than about 50
            // records (PutRecords of 500, GetRecords of 10,000): it is measured in JSON mode.
            System.setProperty("aws.cborEnabled", "false");
            results.notes.add("kinesalite was measured with the SDK in JSON mode (aws.cborEnabled=false): in CBOR mode its "
                    + "responses with more than about 50 records arrive truncated, so PutRecords of 500 records and large "
                    + "GetRecords fail.");
            try {
                runEmulator(Report.KINESALITE, port -> Emulators.kinesalite(root, work, port));
            } finally {
                System.clearProperty("aws.cborEnabled");
            }
        }
        if (targets.contains(Report.KINESIS_MOCK)) {
            runEmulator(Report.KINESIS_MOCK, port -> Emulators.kinesisMock(root, work, port));
        }
        environment.put("Finished", Instant.now().toString());
        Report.write(out.resolve("README.md"), results, settings, environment);
        if (!settings.recordSizes().isEmpty()) {
            Chart.ingest(results, Report.targets(), settings.recordSizes(), out.resolve("ingest.png"));
        }
        System.out.println("Wrote " + out.resolve("README.md") + " and ingest.png");
    }

    private void runSluiceAndKafka() throws Exception {
        // Started as a user starts it: ./sluice-local with the class-data-sharing archive it makes after
        // a build. An unmeasured start lists the classes; the archive is built while the client warms up.
        Launcher launcher = new Launcher(root, work);
        launcher.listClasses();
        if (targets.contains(Report.SLUICE) && FirstMinute.due(Report.SLUICE, settings)) {
            FirstMinute.warmUpClient(javaBin(), work, settings);
        }
        launcher.awaitArchive();
        int port = FreePorts.pick();
        int kafkaPort = FreePorts.pick();
        // Throughput limits off: the benchmark measures what the platform can do, not 1 MiB/s per shard.
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx2g", "-Dsluice.streams.throughput.enabled=false"));
        jvmOptions.addAll(Launcher.benchJvmOptions());
        // Permissive, as ./sluice-local runs: the bench's key is unknown (taken unverified), VERIFIED_KEY is known (verified).
        Path credentials = work.resolve("credentials.json");
        Files.writeString(credentials, "{\"credentials\": [{\"accessKeyId\": \"" + VERIFIED_KEY + "\", \"secretAccessKey\": \""
                + VERIFIED_SECRET + "\", \"accountId\": \"000000000000\"}]}");
        try (ManagedProcess sluice = launcher.start(work.resolve("sluice"), port, kafkaPort, List.of("--credentials", credentials.toString()),
                Map.of("SLUICE_JAVA_OPTS", String.join(" ", jvmOptions)), work.resolve("sluice.log"))) {
            System.out.println(sluice.readyLine().trim());
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            if (targets.contains(Report.SLUICE)) {
                try (KinesisDriver driver = new KinesisDriver(endpoint)) {
                    ingestRuns(Report.SLUICE, driver, new ResourceMeter(sluice.pid()), true);
                    if (targets.contains(Report.SLUICE_HTTP2)) {
                        // The same warm process, spoken to over h2c as the async client and the JavaScript SDK v3 do.
                        try (KinesisDriver http2 = new KinesisDriver(endpoint, "bench", "bench",
                                software.amazon.awssdk.http.Protocol.HTTP2)) {
                            // Warmed up like the first row: the HTTP/2 code paths were never run before.
                            ingestRuns(Report.SLUICE_HTTP2, http2, new ResourceMeter(sluice.pid()), true);
                        }
                    }
                    if (targets.contains(Report.SLUICE_JS_HTTP2)) {
                        new JsSdkDriver(root, endpoint).runs(Report.SLUICE_JS_HTTP1, Report.SLUICE_JS_HTTP2, driver,
                                new ResourceMeter(sluice.pid()), settings, results);
                    }
                    if (targets.contains(Report.SLUICE_VERIFIED)) {
                        // The same warm process, every request's body hashed and its signature checked.
                        try (KinesisDriver verified = new KinesisDriver(endpoint, VERIFIED_KEY, VERIFIED_SECRET)) {
                            ingestRuns(Report.SLUICE_VERIFIED, verified, new ResourceMeter(sluice.pid()), false);
                        }
                    }
                    readRuns(Report.SLUICE, driver, new ResourceMeter(sluice.pid()));
                }
            }
            if (targets.contains(Report.KAFKA)) {
                try (KafkaDriver kafka = new KafkaDriver("127.0.0.1:" + kafkaPort)) {
                    kafkaRuns(kafka, new ResourceMeter(sluice.pid()));
                }
            }
        }
    }

    private interface Starter {
        ManagedProcess start(int port) throws Exception;
    }

    private void runEmulator(String name, Starter starter) {
        Path modules = root.resolve("bench/emulators/node_modules");
        if (!Files.isDirectory(modules)) {
            results.notes.add(name + " not measured: bench/emulators has no node_modules (npm install failed or was skipped).");
            return;
        }
        int port = FreePorts.pick();
        try (ManagedProcess emulator = starter.start(port);
                KinesisDriver driver = new KinesisDriver(URI.create("http://127.0.0.1:" + port))) {
            System.out.println(name + " is up: " + emulator.readyLine().trim());
            kinesisRuns(name, driver, new ResourceMeter(emulator.pid()));
        } catch (Exception e) {
            results.notes.add(name + " could not be measured: " + e);
            System.out.println(name + " failed: " + e);
        }
    }

    /** One unmeasured ingest run of the JIT warm-up: create, write for the given time, delete. */
    private interface WarmUpRun {
        void run(String name, int recordBytes, Settings chunk) throws Exception;
    }

    /**
     * Ingests, unmeasured, for the settings' JIT warm-up time, cycling through the record sizes in
     * chunks of at most 15 s, each on a new stream or topic deleted afterwards (two minutes of ingest
     * would otherwise leave tens of GB on disk).
     */
    private void jitWarmUp(String target, Duration time, WarmUpRun run) throws Exception {
        if (settings.recordSizes().isEmpty()) {
            return; // --reads-only: the reads warm up by reading
        }
        long remaining = time.toMillis();
        for (int i = 0; remaining > 0; i++) {
            Duration chunk = Duration.ofMillis(Math.min(remaining, 15_000));
            int size = settings.recordSizes().get(i % settings.recordSizes().size());
            run.run("warm-up-" + i, size, settings.warmUpChunk(chunk));
            awaitDiskSpace();
            remaining -= chunk.toMillis();
        }
        System.out.printf("%-12s warmed up for %d s%n", target, time.toSeconds());
    }

    private void kinesisRuns(String target, KinesisDriver driver, ResourceMeter meter) throws Exception {
        ingestRuns(target, driver, meter, true);
        readRuns(target, driver, meter);
    }

    /** The ingest runs of a target, after the JIT warm-up unless the process is warm already. */
    private void ingestRuns(String target, KinesisDriver driver, ResourceMeter meter, boolean warmUp) throws Exception {
        int maxConcurrency = settings.maxConcurrency();
        if (warmUp) {
            Duration jit = FirstMinute.measureIfDue(target, driver, maxConcurrency, settings, results, this::awaitDiskSpace);
            jitWarmUp(target, jit, (stream, size, chunk) -> {
                driver.createStream(stream, 4);
                driver.ingest(stream, size, maxConcurrency, chunk, () -> { });
                driver.deleteStream(stream);
            });
        }
        for (int size : settings.recordSizes()) {
            for (int concurrency : settings.concurrencies()) {
                String stream = "ingest-" + size + "-" + concurrency;
                driver.createStream(stream, 4);
                List<Double> rates = driver.ingest(stream, size, concurrency, settings, meter::begin);
                ResourceMeter.Usage usage = meter.end();
                driver.deleteStream(stream);
                awaitDiskSpace();
                Results.Ingest result = new Results.Ingest(target, size, concurrency, rates, usage);
                results.ingest.add(result);
                System.out.printf("%-12s ingest %-7s x%-2d %,10.0f records/s %s%n", target, Chart.size(size), concurrency,
                        result.median(), rates);
            }
        }
    }

    private void readRuns(String target, KinesisDriver driver, ResourceMeter meter) throws Exception {
        if (settings.backlogRecords() == 0) {
            return;
        }
        driver.warmUpReading(settings.backlogRecords(), settings.readWarmUp());
        System.out.printf("%-12s warmed up reading for %d s%n", target, settings.readWarmUp().toSeconds());
        int limit = 10_000;
        for (int size : Settings.READ_SIZES) {
            for (int shards : Settings.READ_SHARDS) {
                String stream = "backlog-" + size + "-" + shards;
                int records = settings.backlogRecords() * shards;
                driver.createStream(stream, shards);
                driver.fill(stream, records, size);
                List<Double> rates = new ArrayList<>();
                meter.begin();
                for (long started = System.nanoTime(); Settings.moreCatchUps(rates, started); ) {
                    try {
                        rates.add(driver.catchUp(stream, records, limit));
                    } catch (RuntimeException e) {
                        if (limit == 1_000) {
                            throw e;
                        }
                        results.notes.add(target + ": GetRecords with Limit 10000 failed (" + e.getMessage()
                                + "); its catch-up was measured with Limit 1000.");
                        limit = 1_000;
                    }
                }
                results.catchUp.add(new Results.CatchUp(target, size, shards, records, rates, meter.end()));
                driver.deleteStream(stream);
                System.out.printf("%-12s catch-up %-7s x%d shards %s records/s%n", target, Chart.size(size), shards, rates);
            }
        }

        driver.createStream("tail", 1);
        if (target.equals(Report.NO_OP)) {
            // It stores nothing: only the PutRecord call itself, the SDK client and one HTTP round trip.
            results.putCalls.add(new Results.Propagation(target, driver.putCalls("tail", settings.latencySamples(), 10, () -> false)));
            return;
        }
        List<Double> latencies = driver.propagation("tail", settings.latencySamples(), 10);
        results.propagation.add(new Results.Propagation(target, latencies));
        System.out.printf("%-12s propagation p50 %.1f ms p99 %.1f ms%n", target, Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 99));
        if (target.equals(Report.SLUICE)) {
            driver.createStream("fan-out", 1);
            KinesisDriver.FanOut fanOut = driver.fanOut("fan-out", settings.latencySamples(), 10);
            results.fanOut.add(new Results.Propagation(target, fanOut.events()));
            results.putCalls.add(new Results.Propagation(target, fanOut.putCalls()));
            System.out.printf("%-12s fan-out p50 %.1f ms p99 %.1f ms%n", target, Stats.percentile(fanOut.events(), 50),
                    Stats.percentile(fanOut.events(), 99));
        }
    }

    private void kafkaRuns(KafkaDriver kafka, ResourceMeter meter) throws Exception {
        int maxConcurrency = settings.maxConcurrency();
        jitWarmUp(Report.KAFKA, settings.jitWarmUp(), (topic, size, chunk) -> {
            kafka.createTopic(topic, 4);
            kafka.ingest(topic, size, Settings.batchSize(size) * maxConcurrency, chunk, () -> { });
            kafka.deleteTopic(topic);
        });
        for (int size : settings.recordSizes()) {
            String topic = "raw-ingest-" + size;
            kafka.createTopic(topic, 4);
            int inFlight = Settings.batchSize(size) * maxConcurrency;
            List<Double> rates = kafka.ingest(topic, size, inFlight, settings, meter::begin);
            results.ingest.add(new Results.Ingest(Report.KAFKA, size, maxConcurrency, rates, meter.end()));
            kafka.deleteTopic(topic);
            awaitDiskSpace();
            System.out.printf("%-12s ingest %-7s %,10.0f records/s %s%n", Report.KAFKA, Chart.size(size), Stats.median(rates), rates);
        }
        if (settings.backlogRecords() == 0) {
            return;
        }
        kafka.warmUpReading(settings.backlogRecords(), settings.readWarmUp());
        for (int size : Settings.READ_SIZES) {
            for (int partitions : Settings.READ_SHARDS) {
                String topic = "raw-backlog-" + size + "-" + partitions;
                int records = settings.backlogRecords() * partitions;
                kafka.createTopic(topic, partitions);
                kafka.fill(topic, partitions, records, size);
                List<Double> rates = new ArrayList<>();
                meter.begin();
                for (long started = System.nanoTime(); Settings.moreCatchUps(rates, started); ) {
                    rates.add(kafka.catchUp(topic, partitions, records));
                }
                results.catchUp.add(new Results.CatchUp(Report.KAFKA, size, partitions, records, rates, meter.end()));
                kafka.deleteTopic(topic);
                System.out.printf("%-12s catch-up %-7s x%d partitions %s records/s%n", Report.KAFKA, Chart.size(size), partitions, rates);
            }
        }
        kafka.createTopic("raw-tail", 1);
        List<Double> latencies = kafka.propagation("raw-tail", settings.latencySamples(), 10);
        results.propagation.add(new Results.Propagation(Report.KAFKA, latencies));
        System.out.printf("%-12s propagation p50 %.1f ms p99 %.1f ms%n", Report.KAFKA, Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 99));
        results.putCalls.add(new Results.Propagation(Report.KAFKA, kafka.acknowledgedSends("raw-tail", settings.latencySamples(), 10)));
    }

    /**
     * Ingest runs write gigabytes: wait until the previous run's data is deleted and at least
     * 20 GiB are free, or stop the benchmark rather than fill the disk.
     */
    private void awaitDiskSpace() throws IOException, InterruptedException {
        long needed = 20L << 30;
        for (int i = 0; i < 60 && Files.getFileStore(work).getUsableSpace() < needed; i++) {
            Thread.sleep(1000);
        }
        if (Files.getFileStore(work).getUsableSpace() < needed) {
            throw new IOException("Less than 20 GiB free on " + work + ": stopping before the disk fills");
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
