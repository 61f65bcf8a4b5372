package io.sluice.local;

import io.sluice.engines.EmbeddedFlink;
import io.sluice.engines.EmbeddedKafka;
import io.sluice.engines.EmbeddedS3;
import io.sluice.engines.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The whole platform in one process: embedded Kafka (KRaft), PostgreSQL and an S3 server keeping
 * their data in the data directory, a Flink MiniCluster started when the first analytics application
 * needs it, the services, and the gateway as the one endpoint. Ctrl-C stops
 * it cleanly; a killed launcher's PostgreSQL is stopped by its watchdog, or at the latest by the
 * next start on the same data directory.
 */
public final class SluiceLocal implements AutoCloseable {
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final EmbeddedFlink flink;
    private final SluicePlatform platform;
    private final DataDirectory dataDirectory;
    /** The gateway's certificate with --tls, else null. */
    private final LocalTls tls;

    private SluiceLocal(DataDirectory dataDirectory, EmbeddedPostgresServer postgres, EmbeddedKafka kafka, EmbeddedS3 s3,
            EmbeddedFlink flink, SluicePlatform platform, LocalTls tls) {
        this.dataDirectory = dataDirectory;
        this.tls = tls;
        this.postgres = postgres;
        this.kafka = kafka;
        this.s3 = s3;
        this.flink = flink;
        this.platform = platform;
    }

    /**
     * Starts engines and platform; on failure, stops whatever had started.
     *
     * @throws DataDirectory.InUse when another launcher runs on the data directory
     */
    static SluiceLocal start(LocalOptions options) throws IOException {
        DataDirectory dataDirectory = DataDirectory.take(options.dataDir(), java.time.Instant.now());
        try {
            return start(options, dataDirectory);
        } catch (IOException | RuntimeException e) {
            dataDirectory.close();
            throw e;
        }
    }

    private static SluiceLocal start(LocalOptions options, DataDirectory dataDirectory) throws IOException {
        if (dataDirectory.killedRunStart() != null) {
            List<Path> removed = EmbeddedS3.removeInterruptedWrites(options.dataDir().resolve("s3"), dataDirectory.killedRunStart());
            if (!removed.isEmpty()) {
                System.out.println("The last run was killed: removed " + removed.size() + " S3 object file(s) it was writing " + removed);
            }
        }
        // PostgreSQL (a child process), Kafka and the S3 server do not need each other: they start side by side.
        // Logging is set up here first: threads that log while SLF4J sets itself up have their lines held and
        // replayed, with a warning of its own.
        LoggerFactory.getILoggerFactory();
        SideBySide engines = new SideBySide();
        var startingPostgres = engines.start("sluice-start-postgres", () -> EmbeddedPostgresServer.start(
                options.dataDir().resolve("postgres"), 0, EmbeddedPostgresServer.Options.LAUNCHER));
        var startingKafka = engines.start("sluice-start-kafka",
                () -> EmbeddedKafka.start(options.dataDir().resolve("kafka"), options.kafkaPort()));
        var startingS3 = engines.start("sluice-start-s3",
                () -> EmbeddedS3.start(options.dataDir().resolve("s3"), options.s3Port()));
        engines.await();
        EmbeddedPostgresServer postgres = startingPostgres.join();
        EmbeddedKafka kafka = startingKafka.join();
        EmbeddedS3 s3 = startingS3.join();
        EmbeddedFlink flink = new EmbeddedFlink(4);
        try {
            Map<String, String> properties = new LinkedHashMap<>();
            String masterKey = masterKey(options.dataDir().resolve("master.key"));
            properties.put("sluice.streams.encryption.master-key", masterKey);
            properties.put("sluice.firehose.encryption.master-key", masterKey);
            properties.put("sluice.firehose.s3.endpoint", s3.endpoint().toString());
            properties.put("sluice.analytics.s3.endpoint", s3.endpoint().toString());
            // Applications' checkpoints and savepoints live with the rest of the data: LAST_STOPPED_POINT survives a restart.
            properties.put("sluice.analytics.flink.state-dir",
                    options.dataDir().resolve("flink-state").toAbsolutePath().toUri().toString().replaceAll("/$", ""));
            // The MiniCluster stops with the launcher: applications stop with a savepoint and resume from it.
            properties.put("sluice.analytics.flink.save-on-shutdown", "true");
            LocalTls tls = options.tls() ? LocalTls.in(options.dataDir().resolve("tls")) : null;
            if (tls != null) {
                properties.putAll(tls.gatewayProperties());
            }
            properties.putAll(options.properties());
            SluicePlatform platform = SluicePlatform.start(new SluicePlatform.Settings(options.port(),
                    EnumSet.allOf(PlatformService.class), kafka.bootstrapServers(), postgres::jdbcUrl, postgres.user(),
                    "sluice", properties, List.of(), flink::restAddress));
            return new SluiceLocal(dataDirectory, postgres, kafka, s3, flink, platform, tls);
        } catch (IOException | RuntimeException e) {
            flink.close();
            s3.close();
            kafka.close();
            postgres.close();
            throw e;
        }
    }

    /**
     * The master key for encryption at rest, kept in the data directory (readable by its owner only)
     * and created on first use, unless SLUICE_MASTER_KEY names one.
     */
    static String masterKey(Path file) throws IOException {
        String given = System.getenv("SLUICE_MASTER_KEY");
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
        ownerOnly(file);
        return encoded;
    }

    /** Makes a file of secrets readable by its owner only. */
    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's permissions.
        }
    }

    int gatewayPort() {
        return platform.gatewayPort();
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    java.net.URI s3Endpoint() {
        return s3.endpoint();
    }

    @Override
    public void close() throws IOException {
        try {
            platform.close();
        } finally {
            try {
                flink.close();
                s3.close();
                kafka.close();
            } finally {
                try {
                    postgres.close();
                } finally {
                    dataDirectory.close();
                }
            }
        }
    }

    /** How to trust the self-signed certificate of --tls. */
    private static String trust(LocalTls tls) {
        return String.format("""
                  TLS:       a self-signed certificate for localhost; trust it with
                               export AWS_CA_BUNDLE=%s   (AWS CLI, boto3, the JS SDK: NODE_EXTRA_CA_CERTS)
                               java -Djavax.net.ssl.trustStore=%s -Djavax.net.ssl.trustStorePassword=%s ...
                """, tls.certificate(), tls.trustStore(), LocalTls.TRUST_STORE_PASSWORD);
    }

    public static void main(String[] args) throws Exception {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LocalOptions.USAGE);
            return;
        }
        if (options.logFormat().equals("json")) {
            JsonLogs.install(options.properties());
        }
        long started = System.nanoTime();
        SluiceLocal local;
        try {
            local = start(options);
        } catch (DataDirectory.InUse e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Sluice...");
            try {
                local.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("Error while stopping: " + e);
            }
            stopped.countDown();
        }, "sluice-stop"));
        String scheme = local.tls != null ? "https" : "http";
        System.out.printf("""

                Sluice is ready in %.1f s.
                  Endpoint:  %s://localhost:%d   (Kinesis, Firehose, Kinesis Analytics; e.g. aws --endpoint-url %s://localhost:%d kinesis list-streams)
                  Kafka:     %s   (one topic per stream, one partition per shard)
                  S3:        http://localhost:%d   (path-style, any credentials; e.g. aws --endpoint-url http://localhost:%d s3 ls)
                  Data:      %s
                %sPress Ctrl-C to stop.
                %n""", (System.nanoTime() - started) / 1e9, scheme, local.gatewayPort(), scheme, local.gatewayPort(),
                local.kafkaBootstrapServers(), local.s3Endpoint().getPort(), local.s3Endpoint().getPort(), options.dataDir(),
                local.tls != null ? trust(local.tls) : "");
        stopped.await();
    }
}
