package io.sluice.firehose.pipeline;

import io.sluice.common.error.RetryPolicy;
import io.sluice.common.lambda.LambdaInvoker;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.firehose.delivery.DeliveryFailures;
import io.sluice.firehose.delivery.DeliveryStreamCache;
import io.sluice.firehose.delivery.DeliveryTopics;
import io.sluice.firehose.destination.ObjectSink;
import io.sluice.firehose.encryption.RecordCipher;
import io.sluice.firehose.metrics.FirehoseMetrics;
import io.sluice.firehose.schema.SchemaCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivery: one consumer group ({@value #GROUP}) reads every delivery stream's topic through a
 * Spring Kafka listener container, so that the firehose-service instances share the partitions and
 * one that starts resumes from the committed offsets. The container owns polling, rebalancing and
 * pausing; {@link PartitionDeliveries} decides what is written and when an offset is committed
 * (never before its records are in S3). An idle consumer still looks at its buffers every
 * {@code check-every}, so that the buffering interval holds on a quiet stream.
 */
@Component
class DeliveryPipeline implements SmartLifecycle {
    static final String GROUP = "sluice-firehose-delivery";

    private final FirehoseProperties properties;
    private final PartitionDeliveries deliveries;
    private final Path directory;
    private DeliveryContainer container;

    DeliveryPipeline(FirehoseProperties properties, DeliveryStreamCache streams, DeliveryFailures failures, SchemaCatalog schemas,
            RecordCipher cipher, ObjectSink sink, FirehoseMetrics metrics, LambdaInvoker lambdas, Clock clock) {
        this.properties = properties;
        this.directory = bufferDirectory(properties, "sluice-firehose-");
        this.deliveries = new PartitionDeliveries(new DirectPutSource(streams, cipher), failures, schemas, sink, metrics, lambdas, clock, directory,
                retryPolicy(properties));
    }

    /** A directory of this run for buffer files, under the configured one (the temporary directory by default). */
    static Path bufferDirectory(FirehoseProperties properties, String prefix) {
        try {
            Path parent = properties.delivery().bufferDirectory() != null ? properties.delivery().bufferDirectory()
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the delivery buffer directory", e);
        }
    }

    /** The backoff of failed writes: {@code retry-backoff}, doubling up to {@code retry-backoff-max}. */
    static RetryPolicy retryPolicy(FirehoseProperties properties) {
        Duration backoff = properties.delivery().retryBackoff();
        Duration max = properties.delivery().retryBackoffMax();
        return new RetryPolicy(backoff, max.compareTo(backoff) > 0 ? max : backoff);
    }

    @Override
    public synchronized void start() {
        container = new DeliveryContainer(properties.kafka().bootstrapServers(), DeliveryTopics.ALL, GROUP,
                properties.delivery().consumers(), properties.delivery().checkEvery().toMillis(), deliveries, Map.of());
    }

    @Override
    public synchronized void stop() {
        if (container != null) {
            container.close();
            container = null;
        }
        deliveries.dropAll();
        deleteDirectory(directory);
    }

    /** Removes a buffer directory and what is left in it (temporary files: Kafka holds the records). */
    static void deleteDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temporary files; the next start makes a new directory.
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return container != null;
    }
}
