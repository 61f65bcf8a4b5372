package io.sluice.testsupport;

import io.sluice.engines.Directories;
import io.sluice.engines.EmbeddedKafka;
import io.sluice.engines.EmbeddedPostgresServer;
import io.sluice.engines.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded Kafka broker, one embedded PostgreSQL and one embedded S3 server per test JVM, started on first use and
 * stopped when the JVM exits, so that every integration test of a module shares them.
 */
public final class SharedEngines {
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedS3 s3;
    private static Path root;

    private SharedEngines() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = start(() -> EmbeddedKafka.start(root().resolve("kafka"), 0));
        }
        return kafka;
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = start(() -> EmbeddedPostgresServer.start(root().resolve("postgres"), 0));
        }
        return postgres;
    }

    /** The embedded S3 server, its buckets under the test JVM's temporary directory. */
    public static synchronized EmbeddedS3 s3() {
        if (s3 == null) {
            s3 = start(() -> EmbeddedS3.start(root().resolve("s3"), 0));
        }
        return s3;
    }

    private static Path root() throws IOException {
        if (root == null) {
            root = Files.createTempDirectory("sluice-test-engines");
            Runtime.getRuntime().addShutdownHook(new Thread(SharedEngines::stop, "shared-engines-stop"));
        }
        return root;
    }

    private static synchronized void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            if (s3 != null) {
                s3.close();
            }
            Directories.deleteRecursively(root);
        } catch (IOException | RuntimeException e) {
            System.err.println("Stopping shared test engines: " + e);
        }
    }

    private interface Starter<T> {
        T start() throws IOException;
    }

    private static <T> T start(Starter<T> starter) {
        try {
            return starter.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
