package io.sluice.local;

import io.sluice.engines.EmbeddedKafka;
import io.sluice.engines.EmbeddedPostgresServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The whole platform in one process: embedded Kafka (KRaft) and PostgreSQL keeping their data in
 * the data directory, the services, and the gateway as the one endpoint. Ctrl-C stops it cleanly.
 */
public final class SluiceLocal implements AutoCloseable {
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafka kafka;
    private final SluicePlatform platform;

    private SluiceLocal(EmbeddedPostgresServer postgres, EmbeddedKafka kafka, SluicePlatform platform) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.platform = platform;
    }

    /** Starts engines and platform; on failure, stops whatever had started. */
    static SluiceLocal start(LocalOptions options) throws IOException {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(options.dataDir().resolve("postgres"), 0);
        EmbeddedKafka kafka = null;
        try {
            kafka = EmbeddedKafka.start(options.dataDir().resolve("kafka"), options.kafkaPort());
            SluicePlatform platform = SluicePlatform.start(new SluicePlatform.Settings(
                    options.port(), kafka.bootstrapServers(), postgres.jdbcUrl("sluice"), postgres.user(), List.of()));
            return new SluiceLocal(postgres, kafka, platform);
        } catch (IOException | RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            postgres.close();
            throw e;
        }
    }

    int gatewayPort() {
        return platform.gatewayPort();
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() throws IOException {
        try {
            platform.close();
        } finally {
            try {
                kafka.close();
            } finally {
                postgres.close();
            }
        }
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
        long started = System.nanoTime();
        SluiceLocal local = start(options);
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
        System.out.printf("""

                Sluice is ready in %.1f s.
                  Endpoint:  http://localhost:%d   (Kinesis Data Streams; e.g. aws --endpoint-url http://localhost:%d kinesis list-streams)
                  Kafka:     %s   (one topic per stream, one partition per shard)
                  Data:      %s
                Press Ctrl-C to stop.
                %n""", (System.nanoTime() - started) / 1e9, local.gatewayPort(), local.gatewayPort(),
                local.kafkaBootstrapServers(), options.dataDir());
        stopped.await();
    }
}
