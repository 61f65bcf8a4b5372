package io.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.engines.FreePorts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalytics.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalytics.model.RecordFormatType;

/**
 * {@code ./bench/run --analytics}: a KDA application's 1-second tumbling count per ticker over a
 * backlog of 1 KiB JSON records in a Kinesis stream, in events per second, beside the limit — the
 * same query as plain Flink SQL on a Kafka table (Flink's JSON format) holding the same records on
 * the same broker, in a MiniCluster of the bench's own with the same parallelism (1) — and the time
 * from StartApplication to RUNNING.
 *
 * <p>Both queries count per second of processing time, so each window's count is the events
 * processed in that second: the rate is the median count of the full seconds (the first and last,
 * partly idle, left out). Runs alternate Sluice and the limit; each figure is the median of the runs.
 */
final class AnalyticsBench {
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";
    private static final int RECORD_BYTES = 1024;
    private static final int RECORDS = 2_000_000;
    private static final int RUNS = 5;
    private static final List<String> TICKERS = List.of("AMZN", "QXZ", "TBV", "NFLX", "WSB", "XTC", "MJN", "PPL");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter KDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final String CODE = """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), second_start TIMESTAMP, ticker_count BIGINT);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
              SELECT STREAM ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' SECOND), COUNT(*)
              FROM "SOURCE_SQL_STREAM_001"
              GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' SECOND);
            """;

    private final Path root;
    private final Path work;
    private final Path out;

    AnalyticsBench(Path root, Path work, Path out) {
        this.root = root;
        this.work = work;
        this.out = out;
    }

    /** A run: events/s (median of full seconds), overall events/s, seconds it took. */
    private record Run(double eventsPerSecond, double overall, int seconds) {
    }

    void run(String javaBin, Map<String, String> environment) throws Exception {
        int port = FreePorts.pick();
        int kafkaPort = FreePorts.pick();
        // Throughput limits off (as in the ingest benchmark): the backlog goes in at the platform's speed, not 1 MiB/s per shard.
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx3g", "-Dsluice.streams.throughput.enabled=false"));
        command.addAll(Launcher.benchJvmOptions());
        command.addAll(List.of("-jar", root.resolve("local/target/sluice-local.jar").toString(),
                "--port", String.valueOf(port), "--data-dir", work.resolve("analytics").toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--s3-port", String.valueOf(FreePorts.pick())));
        List<Run> sluice = new ArrayList<>();
        List<Run> limit = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        try (ManagedProcess launcher = ManagedProcess.startSluice(command, Map.of(), root, work.resolve("analytics.log"), 180)) {
            System.out.println(launcher.readyLine().trim());
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
            try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).build();
                    KinesisAnalyticsClient analytics = KinesisAnalyticsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                            .credentialsProvider(credentials).build()) {
                fill(kinesis, "127.0.0.1:" + kafkaPort);
                for (int run = 1; run <= RUNS; run++) {
                    sluice.add(sluiceRun(kinesis, analytics, run, starts));
                    limit.add(limitRun("127.0.0.1:" + kafkaPort));
                    System.out.printf("Analytics run %d: Sluice %,.0f events/s (overall %,.0f in %d s), limit %,.0f events/s (overall %,.0f in %d s)%n",
                            run, sluice.get(run - 1).eventsPerSecond(), sluice.get(run - 1).overall(), sluice.get(run - 1).seconds(),
                            limit.get(run - 1).eventsPerSecond(), limit.get(run - 1).overall(), limit.get(run - 1).seconds());
                }
                for (int i = 0; i < 3; i++) {
                    starts.add(startToRunning(analytics, "bench-count-1"));
                }
            }
        }
        write(sluice, limit, starts, environment);
    }

    /** The same 1 KiB JSON records into the Kinesis stream (PutRecords through the gateway) and into the limit's Kafka topic. */
    private static void fill(KinesisClient kinesis, String bootstrap) throws Exception {
        kinesis.createStream(b -> b.streamName("bench-trades").shardCount(1));
        while (kinesis.describeStreamSummary(b -> b.streamName("bench-trades")).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            Thread.sleep(100);
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int from = 0; from < RECORDS; from += 500) {
                int first = from;
                puts.add(pool.submit(() -> {
                    List<PutRecordsRequestEntry> entries = new ArrayList<>();
                    for (int i = first; i < Math.min(first + 500, RECORDS); i++) {
                        entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(record(i))).build());
                    }
                    List<PutRecordsRequestEntry> left = entries;
                    while (!left.isEmpty()) {
                        List<PutRecordsRequestEntry> batch = left;
                        var response = kinesis.putRecords(b -> b.streamName("bench-trades").records(batch));
                        List<PutRecordsRequestEntry> failed = new ArrayList<>();
                        for (int i = 0; i < response.records().size(); i++) {
                            if (response.records().get(i).errorCode() != null) {
                                failed.add(left.get(i));
                            }
                        }
                        left = failed;
                        if (!left.isEmpty()) {
                            Thread.sleep(50);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench-limit-trades", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>("bench-limit-trades", 0, null, record(i)));
            }
        }
        System.out.printf("Analytics: %,d records of %d bytes in the stream and in the limit's topic (%.0f s)%n", RECORDS, RECORD_BYTES,
                (System.nanoTime() - start) / 1e9);
    }

    /** A new application over the whole backlog (TRIM_HORIZON), counted into an output stream of its own. */
    private static Run sluiceRun(KinesisClient kinesis, KinesisAnalyticsClient analytics, int run, List<Double> starts) throws Exception {
        String output = "bench-counts-" + run;
        kinesis.createStream(b -> b.streamName(output).shardCount(1));
        while (kinesis.describeStreamSummary(b -> b.streamName(output)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            Thread.sleep(100);
        }
        String name = "bench-count-" + run;
        analytics.createApplication(b -> b.applicationName(name).applicationCode(CODE)
                .inputs(i -> i.namePrefix("SOURCE_SQL_STREAM")
                        .kinesisStreamsInput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/bench-trades").roleARN(ROLE))
                        .inputSchema(s -> s.recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                                        .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                                .recordColumns(c -> c.name("TICKER_SYMBOL").mapping("$.TICKER_SYMBOL").sqlType("VARCHAR(4)"),
                                        c -> c.name("SECTOR").mapping("$.SECTOR").sqlType("VARCHAR(16)"),
                                        c -> c.name("PRICE").mapping("$.PRICE").sqlType("DOUBLE"))))
                .outputs(o -> o.name("DESTINATION_SQL_STREAM")
                        .kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/" + output).roleARN(ROLE))
                        .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))));
        long start = System.nanoTime();
        starts.add(startToRunning(analytics, name, InputStartingPosition.TRIM_HORIZON));
        Map<LocalDateTime, Long> seconds = new TreeMap<>();
        long counted = 0;
        String iterator = kinesis.getShardIterator(b -> b.streamName(output).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (counted < RECORDS) {
            String at = iterator;
            GetRecordsResponse records = kinesis.getRecords(b -> b.shardIterator(at));
            for (var record : records.records()) {
                JsonNode row = JSON.readTree(record.data().asByteArray());
                long count = row.get("TICKER_COUNT").asLong();
                seconds.merge(LocalDateTime.parse(row.get("SECOND_START").asText(), KDA_TIME), count, Long::sum);
                counted += count;
            }
            iterator = records.nextShardIterator();
            if (records.records().isEmpty()) {
                Thread.sleep(100);
                if (analytics.describeApplication(b -> b.applicationName(name)).applicationDetail().applicationStatus() != ApplicationStatus.RUNNING) {
                    throw new IllegalStateException("Application " + name + " is no longer RUNNING: see the launcher's log");
                }
            }
            if (System.nanoTime() - start > 600e9) {
                throw new IllegalStateException("The application counted " + counted + " of " + RECORDS + " events in 10 minutes");
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        analytics.stopApplication(b -> b.applicationName(name));
        while (analytics.describeApplication(b -> b.applicationName(name)).applicationDetail().applicationStatus() != ApplicationStatus.READY) {
            Thread.sleep(100);
        }
        return new Run(fullSeconds(new ArrayList<>(seconds.values())), RECORDS / elapsed, seconds.size());
    }

    /** Seconds from StartApplication to RUNNING (NOW: a restart of a stopped application). */
    private static double startToRunning(KinesisAnalyticsClient analytics, String name) throws Exception {
        double seconds = startToRunning(analytics, name, InputStartingPosition.NOW);
        analytics.stopApplication(b -> b.applicationName(name));
        while (analytics.describeApplication(b -> b.applicationName(name)).applicationDetail().applicationStatus() != ApplicationStatus.READY) {
            Thread.sleep(50);
        }
        return seconds;
    }

    private static double startToRunning(KinesisAnalyticsClient analytics, String name, InputStartingPosition position) throws Exception {
        long start = System.nanoTime();
        analytics.startApplication(b -> b.applicationName(name).inputConfigurations(c -> c.id("1.1")
                .inputStartingPositionConfiguration(p -> p.inputStartingPosition(position))));
        while (analytics.describeApplication(b -> b.applicationName(name)).applicationDetail().applicationStatus() != ApplicationStatus.RUNNING) {
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The same query as plain Flink SQL on a Kafka table, in a MiniCluster of the bench's own. */
    private static Run limitRun(String bootstrap) throws Exception {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tables.getConfig().set("parallelism.default", "1");
        tables.executeSql("CREATE TEMPORARY TABLE trades (TICKER_SYMBOL STRING, SECTOR STRING, PRICE DOUBLE, pt AS PROCTIME()) WITH ("
                + "'connector' = 'kafka', 'topic' = 'bench-limit-trades', 'properties.bootstrap.servers' = '" + bootstrap + "', "
                + "'properties.group.id' = 'bench-limit', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', "
                + "'format' = 'json')");
        long start = System.nanoTime();
        TableResult result = tables.executeSql("SELECT TICKER_SYMBOL, window_start, COUNT(*) AS n "
                + "FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(pt), INTERVAL '1' SECOND)) GROUP BY TICKER_SYMBOL, window_start, window_end");
        Map<LocalDateTime, Long> seconds = new TreeMap<>();
        try (CloseableIterator<Row> rows = result.collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                seconds.merge((LocalDateTime) row.getField(1), (Long) row.getField(2), Long::sum);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Run(fullSeconds(new ArrayList<>(seconds.values())), RECORDS / elapsed, seconds.size());
    }

    /** The median count of the full seconds: all but the first and the last (partly idle). */
    private static double fullSeconds(List<Long> counts) {
        List<Double> full = counts.size() > 2 ? counts.subList(1, counts.size() - 1).stream().map(Long::doubleValue).toList()
                : counts.stream().map(Long::doubleValue).toList();
        return full.isEmpty() ? Double.NaN : Stats.median(full);
    }

    /** A JSON trade of exactly 1 KiB. */
    static byte[] record(int i) {
        String head = "{\"TICKER_SYMBOL\":\"" + TICKERS.get(i % TICKERS.size()) + "\",\"SECTOR\":\"TECHNOLOGY\",\"PRICE\":" + (i % 1000) / 10.0
                + ",\"PAYLOAD\":\"";
        String tail = "\"}";
        return (head + "x".repeat(RECORD_BYTES - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private void write(List<Run> sluice, List<Run> limit, List<Double> starts, Map<String, String> environment) throws Exception {
        double rate = Stats.median(sluice.stream().map(Run::eventsPerSecond).toList());
        double limitRate = Stats.median(limit.stream().map(Run::eventsPerSecond).toList());
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < sluice.size(); i++) {
            ratios.add(sluice.get(i).eventsPerSecond() / limit.get(i).eventsPerSecond());
        }
        StringBuilder md = new StringBuilder("# Analytics benchmark\n\n")
                .append("`./bench/run --analytics`, ").append(Instant.now()).append(": ").append(environment).append(".\n\n")
                .append(String.format("A KDA application (legacy SQL: a pump, `STEP(ROWTIME BY INTERVAL '1' SECOND)`, `COUNT(*)` per ticker) "
                        + "over a backlog of %,d JSON records of 1 KiB in a one-shard Kinesis stream, read from TRIM_HORIZON; the limit is the "
                        + "same query as plain Flink SQL (`TUMBLE` over `PROCTIME()`) on a Kafka table of the same records (Flink's JSON "
                        + "format) on the same broker, in a MiniCluster of the bench's own, parallelism 1 as the application's job. "
                        + "Events/s is the median count of the full seconds of processing time (each window counts what was processed in "
                        + "its second); overall is the backlog over the time from StartApplication (or the limit's submission) to the last "
                        + "count. Runs alternate; figures are medians of %d runs, the ratio the median of the runs' ratios.%n%n", RECORDS, RUNS))
                .append("| | Sluice | limit (Flink SQL on Kafka) | Sluice / limit |\n|---|---|---|---|\n")
                .append(String.format("| events/s, full seconds | %,.0f | %,.0f | %.0f %% |%n", rate, limitRate, 100 * Stats.median(ratios)))
                .append(String.format("| events/s, overall | %,.0f | %,.0f | |%n", Stats.median(sluice.stream().map(Run::overall).toList()),
                        Stats.median(limit.stream().map(Run::overall).toList())))
                .append("\nRuns (Sluice, limit, events/s of full seconds): ");
        for (int i = 0; i < sluice.size(); i++) {
            md.append(String.format("%s%,.0f / %,.0f", i == 0 ? "" : "; ", sluice.get(i).eventsPerSecond(), limit.get(i).eventsPerSecond()));
        }
        md.append(String.format(".%n%nStartApplication → RUNNING: first start on a fresh cluster %.2f s; later starts (TRIM_HORIZON, then NOW "
                + "after a stop) %s s, median %.2f s.%n", starts.get(0), starts.subList(1, starts.size()).stream()
                .map(s -> String.format("%.2f", s)).toList(), Stats.median(starts.subList(1, starts.size()))));
        Files.createDirectories(out);
        Files.writeString(out.resolve("analytics.md"), md.toString());
        System.out.print(md);
        System.out.println("Wrote " + out.resolve("analytics.md"));
    }
}
