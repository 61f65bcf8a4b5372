package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.engines.FreePorts;
import io.sluice.firehose.conversion.ColumnarWriter;
import io.sluice.firehose.conversion.DataFormatConversion;
import io.sluice.firehose.conversion.JsonRows;
import io.sluice.firehose.schema.TableSchema;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./bench/run --firehose}: Firehose delivery of 1 KiB JSON records, as GZIP and as Parquet
 * (Snappy), in MB/s of record data, beside the limit measured in the same run — the same records
 * consumed from the same Kafka topic and compressed (or written as Parquet) with no service around
 * them — and the launcher's peak memory with one buffer and with 500 dynamic partitions.
 *
 * <p>The limit is measured twice and the second run reported, so that its code is as warm as the
 * service's. Delivery is measured as a catch-up: the stream's bucket is removed, the records are put (they
 * wait in Kafka, delivery retrying every 200 ms), the bucket is made again, and the clock runs from
 * the first 64 MiB object in S3 (the round that waited) to the last: a steady catch-up, as the limit's
 * clock runs from its first object written to its last. How long the first object took after the
 * bucket came back is reported beside it.
 */
final class FirehoseBench {
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";
    private static final int RECORD_BYTES = 1024;
    private static final int BUFFER_MIB = 64;
    private static final int OBJECTS = 6;
    private static final int RECORDS_PER_OBJECT = BUFFER_MIB * 1024 * 1024 / RECORD_BYTES;
    private static final int PARTITIONS = 500;
    /** Runs of each format; the report gives their medians. */
    private static final int RUNS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableSchema TABLE = new TableSchema("bench", "events", List.of(new TableSchema.Column("id", "bigint"),
            new TableSchema.Column("customer", "string"), new TableSchema.Column("at", "timestamp"),
            new TableSchema.Column("payload", "string")), Instant.EPOCH, Instant.EPOCH, 0);

    private final Path root;
    private final Path work;
    private final Path out;
    private final HttpClient http = HttpClient.newHttpClient();

    FirehoseBench(Path root, Path work, Path out) {
        this.root = root;
        this.work = work;
        this.out = out;
    }

    /** A measured line of the report. */
    /** @param ratio Sluice / limit (of one run, or the median of the runs' ratios) */
    /** @param recoveryMillis from the bucket's return to the first object */
    private record Row(String what, double sluiceMbps, double limitMbps, double recoveryMillis, double peakRssMiB, double cpuSeconds,
            double ratio) {
    }

    void run(String javaBin, Map<String, String> environment) throws Exception {
        int port = FreePorts.pick();
        int kafkaPort = FreePorts.pick();
        int s3Port = FreePorts.pick();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx2g"));
        command.addAll(Launcher.benchJvmOptions());
        command.addAll(List.of("-jar", root.resolve("local/target/sluice-local.jar").toString(),
                "--port", String.valueOf(port), "--data-dir", work.resolve("firehose").toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--s3-port", String.valueOf(s3Port),
                "--sluice.firehose.kafka.partitions=1", "--sluice.firehose.delivery.retry-backoff=200ms",
                "--sluice.firehose.delivery.retry-backoff-max=200ms", "--sluice.firehose.delivery.check-every=100ms"));
        List<Row> rows = new ArrayList<>();
        try (ManagedProcess sluice = ManagedProcess.startSluice(command, Map.of(), root, work.resolve("firehose.log"), 180)) {
            System.out.println(sluice.readyLine().trim());
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            ResourceMeter meter = new ResourceMeter(sluice.pid());
            try (FirehoseClient firehose = FirehoseClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"))).build();
                    S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port)).region(Region.US_EAST_1)
                            .forcePathStyle(true)
                            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"))).build()) {
                glue(endpoint, "CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"bench\"}}");
                glue(endpoint, "CreateTable", "{\"DatabaseName\":\"bench\",\"TableInput\":{\"Name\":\"events\",\"StorageDescriptor\":"
                        + "{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"},{\"Name\":\"customer\",\"Type\":\"string\"},"
                        + "{\"Name\":\"at\",\"Type\":\"timestamp\"},{\"Name\":\"payload\",\"Type\":\"string\"}]}}}");
                String gzip = "{\"CompressionFormat\":\"GZIP\"}";
                String parquet = "{\"CompressionFormat\":\"UNCOMPRESSED\",\"DataFormatConversionConfiguration\":{\"Enabled\":true,"
                        + "\"SchemaConfiguration\":{\"RoleARN\":\"" + ROLE + "\",\"DatabaseName\":\"bench\",\"TableName\":\"events\"},"
                        + "\"InputFormatConfiguration\":{\"Deserializer\":{\"OpenXJsonSerDe\":{}}},"
                        + "\"OutputFormatConfiguration\":{\"Serializer\":{\"ParquetSerDe\":{\"Compression\":\"SNAPPY\"}}}}}";
                rows.add(median("GZIP", "bench-gzip", gzip, firehose, s3, endpoint, meter, kafkaPort, false));
                rows.add(median("Parquet (Snappy)", "bench-parquet", parquet, firehose, s3, endpoint, meter, kafkaPort, true));
                rows.add(partitions(firehose, s3, endpoint, meter));
            }
        }
        write(rows, environment);
    }

    /** {@value #RUNS} runs, each on a stream of its own with its limit beside it; the median of each column. */
    private Row median(String what, String name, String extras, FirehoseClient firehose, S3Client s3, URI endpoint,
            ResourceMeter meter, int kafkaPort, boolean parquet) throws Exception {
        List<Row> runs = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            runs.add(measure(what, name + "-" + run, extras, firehose, s3, endpoint, meter, kafkaPort, parquet));
        }
        java.util.function.ToDoubleFunction<java.util.function.ToDoubleFunction<Row>> median =
                column -> Stats.median(runs.stream().map(r -> column.applyAsDouble(r)).toList());
        Row row = new Row(what, median.applyAsDouble(Row::sluiceMbps), median.applyAsDouble(Row::limitMbps),
                median.applyAsDouble(Row::recoveryMillis), median.applyAsDouble(Row::peakRssMiB), median.applyAsDouble(Row::cpuSeconds),
                median.applyAsDouble(r -> r.sluiceMbps() / r.limitMbps()));
        System.out.printf("Firehose %-17s median of %d: %,8.1f MB/s, limit %,8.1f MB/s, ratio %.0f %%%n", what, RUNS, row.sluiceMbps(),
                row.limitMbps(), 100 * row.ratio());
        return row;
    }

    private Row measure(String what, String name, String extras, FirehoseClient firehose, S3Client s3, URI endpoint,
            ResourceMeter meter, int kafkaPort, boolean parquet) throws Exception {
        s3.createBucket(b -> b.bucket(name));
        create(endpoint, firehose, name, extras.substring(1, extras.length() - 1) + ",\"Prefix\":\"data/\",\"ErrorOutputPrefix\":\"errors/\"");
        s3.deleteBucket(b -> b.bucket(name));
        int records = OBJECTS * RECORDS_PER_OBJECT + 1000;
        put(firehose, name, records);
        meter.begin();
        long start = System.nanoTime();
        s3.createBucket(b -> b.bucket(name));
        // The first object is the round that waited for the bucket; the clock runs from it to the last.
        long first = 0;
        int listed;
        while ((listed = s3.listObjectsV2(b -> b.bucket(name).prefix("data/")).keyCount()) < OBJECTS) {
            if (listed > 0 && first == 0) {
                first = System.nanoTime();
            }
            Thread.sleep(20);
        }
        long last = System.nanoTime();
        first = first == 0 ? start : first;
        ResourceMeter.Usage usage = meter.end();
        double sluice = (OBJECTS - 1) * BUFFER_MIB * 1.048576 / ((last - first) / 1e9);
        double recoveryMillis = (first - start) / 1e6;
        limit(kafkaPort, name, parquet); // unmeasured: the same JIT warm-up the service's code had in the put phase
        double limit = limit(kafkaPort, name, parquet);
        System.out.printf("Firehose %-17s %,8.1f MB/s delivered, limit %,8.1f MB/s (%.0f %%), first object %,.0f ms after the bucket,"
                + " peak RSS %,.0f MiB, %.1f CPU s%n", what, sluice, limit, 100 * sluice / limit, recoveryMillis, usage.peakRssMiB(),
                usage.cpuSeconds());
        return new Row(what, sluice, limit, recoveryMillis, usage.peakRssMiB(), usage.cpuSeconds(), sluice / limit);
    }

    /** The same records consumed from the stream's topic and written with no service around them, in MB/s. */
    private double limit(int kafkaPort, String name, boolean parquet) throws Exception {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = consumer.listTopics().keySet().stream().filter(t -> t.startsWith("firehose.000000000000.us-east-1." + name + "."))
                    .findFirst().orElseThrow();
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            DataFormatConversion conversion = DataFormatConversion.of(JSON.readTree("{\"Enabled\":true,\"InputFormatConfiguration\":"
                    + "{\"Deserializer\":{\"OpenXJsonSerDe\":{}}},\"OutputFormatConfiguration\":{\"Serializer\":{\"ParquetSerDe\":"
                    + "{\"Compression\":\"SNAPPY\"}}}}"));
            JsonRows rows = new JsonRows(TABLE, conversion);
            long start = 0;
            java.util.ArrayDeque<byte[]> polled = new java.util.ArrayDeque<>();
            java.util.function.Supplier<byte[]> next = () -> {
                while (polled.isEmpty()) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> polled.add(r.value()));
                }
                return polled.poll();
            };
            for (int object = 0; object < OBJECTS; object++) {
                Path file = work.resolve("limit-" + object);
                if (parquet) {
                    // As delivery does it: each record read against the table on arrival and kept, then the file written.
                    Path spill = work.resolve("limit-spill-" + object);
                    List<byte[]> chunk = new ArrayList<>(RECORDS_PER_OBJECT);
                    try (OutputStream spilled = new BufferedOutputStream(Files.newOutputStream(spill), 16 * 1024)) {
                        for (int i = 0; i < RECORDS_PER_OBJECT; i++) {
                            byte[] record = next.get();
                            rows.read(record);
                            spilled.write(record);
                            chunk.add(record);
                        }
                    }
                    try (ColumnarWriter writer = ColumnarWriter.open(file.resolveSibling(file.getFileName() + ".parquet"), rows, conversion)) {
                        for (byte[] record : chunk) {
                            writer.write(rows.read(record));
                        }
                    }
                } else {
                    try (OutputStream gz = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 16 * 1024), 64 * 1024)) {
                        for (int i = 0; i < RECORDS_PER_OBJECT; i++) {
                            gz.write(next.get());
                        }
                    }
                }
                if (object == 0) {
                    // Timed as delivery is: from the first object done to the last.
                    start = System.nanoTime();
                }
            }
            return (OBJECTS - 1) * BUFFER_MIB * 1.048576 / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** 500 dynamic partitions: peak memory while their buffers fill and are delivered at the interval. */
    private Row partitions(FirehoseClient firehose, S3Client s3, URI endpoint, ResourceMeter meter) throws Exception {
        String name = "bench-partitions";
        s3.createBucket(b -> b.bucket(name));
        create(endpoint, firehose, name, "\"CompressionFormat\":\"GZIP\",\"Prefix\":\"c=!{partitionKeyFromQuery:customer}/\","
                + "\"ErrorOutputPrefix\":\"errors/\",\"DynamicPartitioningConfiguration\":{\"Enabled\":true},"
                + "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[{\"Type\":\"MetadataExtraction\",\"Parameters\":["
                + "{\"ParameterName\":\"MetadataExtractionQuery\",\"ParameterValue\":\"{customer: .customer}\"},"
                + "{\"ParameterName\":\"JsonParsingEngine\",\"ParameterValue\":\"JQ-1.6\"}]}]}");
        meter.begin();
        long start = System.nanoTime();
        put(firehose, name, 2 * RECORDS_PER_OBJECT);
        while (s3.listObjectsV2(b -> b.bucket(name)).keyCount() < PARTITIONS) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ResourceMeter.Usage usage = meter.end();
        System.out.printf("Firehose 500 dynamic partitions: %,d objects in %.1f s, peak RSS %,.0f MiB, %.1f CPU s%n", PARTITIONS, seconds,
                usage.peakRssMiB(), usage.cpuSeconds());
        return new Row("GZIP, 500 dynamic partitions", Double.NaN, Double.NaN, Double.NaN, usage.peakRssMiB(), usage.cpuSeconds(), Double.NaN);
    }

    private static void create(URI endpoint, FirehoseClient firehose, String name, String destinationMembers) throws Exception {
        String body = "{\"DeliveryStreamName\":\"" + name + "\",\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"" + ROLE
                + "\",\"BucketARN\":\"arn:aws:s3:::" + name + "\",\"BufferingHints\":{\"SizeInMBs\":" + BUFFER_MIB
                + ",\"IntervalInSeconds\":60}," + destinationMembers + "}}";
        post(endpoint, "Firehose_20150804.CreateDeliveryStream", body);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription().deliveryStreamStatus()
                != DeliveryStreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not turn ACTIVE");
            }
            Thread.sleep(100);
        }
    }

    /** {@code count} 1 KiB JSON records, PutRecordBatch of 500 from 4 threads. */
    private static void put(FirehoseClient firehose, String name, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int first = thread * 500; first < count; first += 4 * 500) {
                        List<Record> batch = new ArrayList<>(500);
                        for (int i = first; i < Math.min(count, first + 500); i++) {
                            batch.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(record(i))).build());
                        }
                        if (firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(batch)).failedPutCount() > 0) {
                            throw new IllegalStateException("Records were refused");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A JSON record of exactly 1 KiB, newline included. */
    static byte[] record(int i) {
        String head = "{\"id\":" + i + ",\"customer\":\"c" + (i % PARTITIONS) + "\",\"at\":\"2026-11-30T10:00:00Z\",\"payload\":\"";
        String tail = "\"}\n";
        return (head + "x".repeat(RECORD_BYTES - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static void glue(URI endpoint, String operation, String body) throws Exception {
        post(endpoint, "AWSGlue." + operation, body);
    }

    private static void post(URI endpoint, String target, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20261130/us-east-1/firehose/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(target + " failed: " + response.body());
        }
    }

    private void write(List<Row> rows, Map<String, String> environment) throws Exception {
        StringBuilder md = new StringBuilder("# Firehose delivery benchmark\n\n")
                .append("`./bench/run --firehose`, ").append(Instant.now()).append(": ").append(environment).append(".\n\n")
                .append("1 KiB JSON records; " + OBJECTS + " objects of 64 MiB delivered in a catch-up from Kafka to the embedded S3 server, ")
                .append("timed from the first object in S3 to the last (the first is the round that waited for the bucket). ")
                .append("Each figure is the median of " + RUNS + " runs, each run's limit measured right after it; the ratio is the median of the runs' ratios. ")
                .append("The limit is the same records consumed from the same topic and written (GZIP, or Parquet with Snappy) ")
                .append("with no service around them, in the same run.\n\n")
                .append("| delivery | Sluice MB/s | limit MB/s | Sluice / limit | first object after the bucket, ms | launcher peak RSS MiB | launcher CPU s |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append(String.format("| %s | %s | %s | %s | %s | %,.0f | %.1f |%n", row.what(), number(row.sluiceMbps()), number(row.limitMbps()),
                    Double.isNaN(row.ratio()) ? "—" : String.format("%.0f %%", 100 * row.ratio()),
                    Double.isNaN(row.recoveryMillis()) ? "—" : String.format("%,.0f", row.recoveryMillis()), row.peakRssMiB(), row.cpuSeconds()));
        }
        md.append(NOTES);
        Files.createDirectories(out);
        Files.writeString(out.resolve("firehose.md"), md.toString());
        System.out.println("Wrote " + out.resolve("firehose.md"));
    }

    static final String NOTES = """

            Notes: the launcher runs with one partition per delivery stream (one consumer thread, as the
            limit), `retry-backoff` 200 ms and `check-every` 100 ms, so that the catch-up starts soon after
            the bucket is back. Sluice seals and writes a round on a writer thread while its consumer reads
            the next one, and deflates GZIP in 64 KiB blocks on every core (pigz-style, one gzip member),
            so it can use both cores where the limit (one thread, the JDK's GZIPOutputStream) uses one:
            it can pass the limit. The 500 dynamic partitions run puts 128 MiB spread
            over 500 partition keys into 64 MiB buffers, delivered at the 60 s interval; peak RSS is the
            launcher's whole process (all services, Kafka, PostgreSQL's client side, the S3 server; -Xmx2g)
            beside the single-buffer runs above. Figures move between runs by ±20 %.
            """;

    private static String number(double value) {
        return Double.isNaN(value) ? "—" : String.format("%,.1f", value);
    }
}
