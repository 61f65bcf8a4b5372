package io.sluice.kafka;

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

/**
 * Administration of the topics that hold streams: one topic per stream, one partition per shard,
 * partitions that only grow. Record timestamps are the broker's append time, which is the record's
 * approximate arrival time. Every call waits until Kafka has done what it asked, so a partition is
 * written only once its leader serves it.
 */
public class TopicAdmin {
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final short replicationFactor;
    private final int minInsyncReplicas;

    /**
     * @param replicationFactor replicas of each new topic
     * @param minInsyncReplicas replicas that must have a record before an acks=all write succeeds
     */
    public TopicAdmin(Admin admin, short replicationFactor, int minInsyncReplicas) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas;
    }

    /** Creates a topic (or finds the one an earlier attempt created) and waits until its partitions serve. */
    public void create(String topic, int partitions, int retentionHours) {
        NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.HOURS.toMillis(retentionHours)),
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas),
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
    public void awaitLeaders(String topic, int partitions) {
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
    public void ensurePartitions(String topic, int partitions) {
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
    public Map<Integer, Long> endOffsets(String topic, List<Integer> partitions) {
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

    /** Sets how long the topic keeps records. */
    public void setRetention(String topic, int retentionHours) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.HOURS.toMillis(retentionHours))),
                AlterConfigOp.OpType.SET);
        await(admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all());
    }

    /** Deletes a topic; a topic already gone is no error. */
    public void delete(String topic) {
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
