package io.sluice.firehose.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * A Spring Kafka listener container that feeds {@link PartitionDeliveries}: one consumer group,
 * offsets committed only by the deliveries (never by the container), partitions paused through the
 * container, and an idle callback every {@code checkEvery} on the consumer's thread so that
 * buffering intervals hold on quiet partitions.
 */
final class DeliveryContainer implements AutoCloseable {
    static final long SHUTDOWN_TIMEOUT_MILLIS = 25_000;

    private final ConcurrentMessageListenerContainer<byte[], byte[]> container;

    /**
     * @param topics the topics read: a pattern (DirectPut) or one topic's name, quoted
     * @param settings extra consumer settings (auto.offset.reset, …)
     */
    DeliveryContainer(String bootstrapServers, Pattern topics, String group, int consumers, long checkEveryMillis,
            PartitionDeliveries deliveries, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>();
        all.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        all.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        all.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        all.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        all.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // New topics (and a resharded stream's new partitions) are found at the next metadata refresh.
        all.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        all.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        // A consumer fetches a partition again only once it has taken what it fetched: 8 MiB a fetch
        // (not 1 MiB) keeps a catch-up from waiting on a round trip per MiB. What a consumer buffers
        // stays capped by fetch.max.bytes (50 MiB), as before.
        all.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        all.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
        all.putAll(settings);
        ContainerProperties properties = new ContainerProperties(topics);
        properties.setGroupId(group);
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        properties.setMessageListener(deliveries);
        properties.setConsumerRebalanceListener(deliveries);
        properties.setIdleEventInterval(checkEveryMillis);
        properties.setIdleBeforeDataMultiplier(1.0);
        properties.setPollTimeout(Math.min(checkEveryMillis, 1000));
        // A stop waits for the consumers to write and commit what they buffered (their partitions are
        // revoked) before the buffers' files go: within the 45 s a container is given to stop.
        properties.setShutdownTimeout(SHUTDOWN_TIMEOUT_MILLIS);
        container = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(all, new ByteArrayDeserializer(), new ByteArrayDeserializer()), properties);
        container.setConcurrency(consumers);
        container.setBeanName(group);
        container.setApplicationEventPublisher(event -> {
            if (event instanceof ListenerContainerIdleEvent idle && idle.getConsumer() != null) {
                deliveries.deliverDue(idle.getConsumer());
            }
        });
        deliveries.pauseWith(new PartitionDeliveries.Pauser() {
            @Override
            public void pause(TopicPartition partition) {
                container.pausePartition(partition);
            }

            @Override
            public void resume(TopicPartition partition) {
                container.resumePartition(partition);
            }
        });
        container.start();
    }

    /** Stops the consumers; returns once they have stopped (or {@link #SHUTDOWN_TIMEOUT_MILLIS} passed). */
    @Override
    public void close() {
        container.stop();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_TIMEOUT_MILLIS);
        while (container.isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
