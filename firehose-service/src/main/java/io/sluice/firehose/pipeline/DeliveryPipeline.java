package io.sluice.firehose.pipeline;

import io.sluice.common.error.RetryPolicy;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.firehose.delivery.DeliveryFailures;
import io.sluice.firehose.encryption.RecordCipher;
import io.sluice.firehose.delivery.DeliveryStreamCache;
import io.sluice.firehose.delivery.DeliveryTopics;
import io.sluice.firehose.destination.ObjectSink;
import io.sluice.firehose.processing.LambdaInvoker;
import io.sluice.firehose.schema.SchemaCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
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
    private ConcurrentMessageListenerContainer<byte[], byte[]> container;

    DeliveryPipeline(FirehoseProperties properties, DeliveryStreamCache streams, DeliveryFailures failures, SchemaCatalog schemas,
            RecordCipher cipher, ObjectSink sink, LambdaInvoker lambdas, Clock clock) {
        this.properties = properties;
        FirehoseProperties.Delivery delivery = properties.delivery();
        try {
            Path parent = delivery.bufferDirectory() != null ? delivery.bufferDirectory() : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(parent);
            this.directory = Files.createTempDirectory(parent, "sluice-firehose-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the delivery buffer directory", e);
        }
        Duration backoff = delivery.retryBackoff();
        Duration maxBackoff = delivery.retryBackoffMax().compareTo(backoff) > 0 ? delivery.retryBackoffMax() : backoff;
        this.deliveries = new PartitionDeliveries(streams, failures, schemas, cipher, sink, lambdas, clock, directory,
                new RetryPolicy(backoff, maxBackoff));
    }

    @Override
    public synchronized void start() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A new delivery stream's topic is found by the pattern subscription at the next metadata refresh.
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-firehose-delivery");
        DefaultKafkaConsumerFactory<byte[], byte[]> consumers =
                new DefaultKafkaConsumerFactory<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        ContainerProperties containerProperties = new ContainerProperties(DeliveryTopics.ALL);
        containerProperties.setGroupId(GROUP);
        containerProperties.setAckMode(ContainerProperties.AckMode.MANUAL);
        containerProperties.setMessageListener(deliveries);
        containerProperties.setConsumerRebalanceListener(deliveries);
        long checkEvery = properties.delivery().checkEvery().toMillis();
        containerProperties.setIdleEventInterval(checkEvery);
        containerProperties.setIdleBeforeDataMultiplier(1.0);
        containerProperties.setPollTimeout(Math.min(checkEvery, 1000));
        container = new ConcurrentMessageListenerContainer<>(consumers, containerProperties);
        container.setConcurrency(properties.delivery().consumers());
        container.setBeanName("firehose-delivery");
        container.setApplicationEventPublisher(event -> {
            if (event instanceof ListenerContainerIdleEvent idle && idle.getConsumer() != null) {
                deliveries.deliverDue(idle.getConsumer());
            }
        });
        ConcurrentMessageListenerContainer<byte[], byte[]> started = container;
        deliveries.pauseWith(new PartitionDeliveries.Pauser() {
            @Override
            public void pause(TopicPartition partition) {
                started.pausePartition(partition);
            }

            @Override
            public void resume(TopicPartition partition) {
                started.resumePartition(partition);
            }
        });
        container.start();
    }

    @Override
    public synchronized void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
        deliveries.dropAll();
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
