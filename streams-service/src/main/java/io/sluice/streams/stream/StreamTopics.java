package io.sluice.streams.stream;

import io.sluice.streams.config.StreamsProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.stereotype.Component;

/**
 * The Kafka side of a stream's lifecycle: one topic per stream, one partition per shard. Record
 * timestamps are the broker's append time, which is the record's approximate arrival time.
 */
@Component
class StreamTopics {
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final StreamsProperties.Kafka kafka;

    StreamTopics(Admin admin, StreamsProperties properties) {
        this.admin = admin;
        this.kafka = properties.kafka();
    }

    /** The topic name of a new stream: readable by Kafka tools, unique across re-creations. */
    static String topicName(StreamKey key, long creationMillis) {
        return "kinesis." + key.accountId() + "." + key.region() + "." + key.name() + "." + Long.toString(creationMillis, 36);
    }

    void create(String topic, int partitions, int retentionHours) {
        NewTopic newTopic = new NewTopic(topic, partitions, kafka.replicationFactor()).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.HOURS.toMillis(retentionHours)),
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(kafka.minInsyncReplicas()),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(11 * 1024 * 1024),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        try {
            await(admin.createTopics(List.of(newTopic)).all());
        } catch (TopicExistsException e) {
            // Created by an earlier attempt that did not get to record it.
        }
        awaitLeaders(topic, partitions);
    }

    /**
     * Waits until every partition of a topic has a leader. The controller answers a create before
     * the brokers serve the new partitions; a write in between is refused (NOT_LEADER_OR_FOLLOWER),
     * so a stream turns ACTIVE only once its shards can take writes.
     */
    void awaitLeaders(String topic, int partitions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
                if (description.partitions().size() >= partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())
                        && served(topic, partitions)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Partitions of " + topic + " have no leader after " + TIMEOUT_SECONDS + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Whether every partition's leader serves it: the metadata names a leader before the broker has
     * created the partition's log, and a write in between can leave an idempotent producer stuck
     * (OUT_OF_ORDER_SEQUENCE_NUMBER when its first batch failed and a later one was appended).
     * ListOffsets is answered by the partition's log itself.
     */
    private boolean served(String topic, int partitions) {
        try {
            endOffsets(topic, java.util.stream.IntStream.range(0, partitions).boxed().toList());
            return true;
        } catch (IllegalStateException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return false;
        }
    }

    /** Grows a topic to at least {@code partitions} partitions (a topic's partitions only grow) and waits for their leaders. */
    void ensurePartitions(String topic, int partitions) {
        int current;
        try {
            current = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (current < partitions) {
            try {
                await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all());
            } catch (InvalidPartitionsException e) {
                // Grown meanwhile by another attempt.
            }
        }
        awaitLeaders(topic, partitions);
    }

    /** The log end offset of each of the given partitions. */
    Map<Integer, Long> endOffsets(String topic, List<Integer> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(topic, p), OffsetSpec.latest()));
        try {
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void setRetention(String topic, int retentionHours) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.HOURS.toMillis(retentionHours))),
                AlterConfigOp.OpType.SET);
        await(admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all());
    }

    void delete(String topic) {
        try {
            await(admin.deleteTopics(Set.of(topic)).all());
        } catch (UnknownTopicOrPartitionException e) {
            // Already gone.
        }
    }

    private static void await(org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
