package io.sluice.streams.subscription;

import io.sluice.common.work.DaemonThreads;
import io.sluice.streams.config.StreamsProperties;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pushes new records to the subscriptions of their shard as Kafka makes them readable. One Kafka
 * consumer follows the tip of every partition that has a subscriber, in a long poll: the broker
 * answers the fetch as soon as a record lands, so a subscriber hears of a record within a fetch
 * round trip of its write, without polling on a timer. The records fetched go to the subscribers
 * as they are; a subscriber whose position they do not cover reads the shard itself.
 */
@Component
class ShardTail implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ShardTail.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Map<TopicPartition, Set<ShardSubscription>> watchers = new ConcurrentHashMap<>();
    /** The offset after the last record fetched from each followed partition. */
    private final Map<TopicPartition, Long> fetchedUpTo = new ConcurrentHashMap<>();
    /** Newly followed partitions whose tip the consumer has not taken yet. Tail thread only. */
    private final Set<TopicPartition> awaitingTip = new HashSet<>();
    private final AtomicBoolean assignmentChanged = new AtomicBoolean();
    private final StreamsProperties.Kafka kafka;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    ShardTail(StreamsProperties properties) {
        this.kafka = properties.kafka();
    }

    /** Tells {@code subscription} of every record that lands in {@code partition} from now on. */
    void watch(TopicPartition partition, ShardSubscription subscription) {
        watchers.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(subscription);
        changed();
    }

    void unwatch(TopicPartition partition, ShardSubscription subscription) {
        watchers.computeIfPresent(partition, (p, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
        changed();
    }

    private void changed() {
        assignmentChanged.set(true);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        synchronized (this) {
            notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                if (assignmentChanged.getAndSet(false)) {
                    reassign();
                }
                if (consumer.assignment().isEmpty()) {
                    synchronized (this) {
                        if (!assignmentChanged.get() && running) {
                            wait(POLL.toMillis());
                        }
                    }
                    continue;
                }
                deliver(consumer.poll(POLL));
                tipsTaken();
            } catch (WakeupException e) {
                // An assignment change or shutdown: the loop looks at both.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A partition of a deleted stream, a broker restart: subscribers fall back to their own reads.
                log.warn("Shard tail poll failed: {}", e.toString());
                assignmentChanged.set(true);
                sleepQuietly();
            }
        }
    }

    /**
     * Follows exactly the watched partitions. A newly watched partition starts at its tip, which the
     * consumer takes during its next poll (no blocking lookup here: one slow partition would hold up
     * every other).
     */
    private void reassign() {
        Set<TopicPartition> wanted = new HashSet<>(watchers.keySet());
        Set<TopicPartition> added = new HashSet<>(wanted);
        added.removeAll(consumer.assignment());
        consumer.assign(wanted);
        fetchedUpTo.keySet().retainAll(wanted);
        awaitingTip.retainAll(wanted);
        if (!added.isEmpty()) {
            consumer.seekToEnd(added);
            awaitingTip.addAll(added);
        }
    }

    /**
     * Tells the subscribers of a partition whose tip has now been taken to read: a record written
     * between their own last read and that tip is not left waiting for the next record.
     */
    private void tipsTaken() {
        for (java.util.Iterator<TopicPartition> it = awaitingTip.iterator(); it.hasNext(); ) {
            TopicPartition partition = it.next();
            try {
                fetchedUpTo.merge(partition, consumer.position(partition, Duration.ZERO), Math::max);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                continue; // not yet: the next poll takes it
            }
            it.remove();
            watchers.getOrDefault(partition, Set.of()).forEach(ShardSubscription::signal);
        }
    }

    /** The offset after the last record this tail has seen in {@code partition}, or -1. */
    long fetchedUpTo(TopicPartition partition) {
        return fetchedUpTo.getOrDefault(partition, -1L);
    }

    private void deliver(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> arrived = records.records(partition);
            fetchedUpTo.merge(partition, arrived.get(arrived.size() - 1).offset() + 1, Math::max);
            for (ShardSubscription subscription : watchers.getOrDefault(partition, Set.of())) {
                subscription.offer(arrived);
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.CLIENT_ID_CONFIG, "sluice-shard-tail"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = DaemonThreads.named("sluice-shard-tail", false).newThread(this::run);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        changed();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(1));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
