package io.sluice.streams.metadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything the metadata store keeps of a stream: the snapshot the record path routes by and the
 * settings that live only in the database (tags, resource policy, the times of its UpdateShardCount
 * calls). Immutable: a change is a new value, which {@link StreamStore#update} writes.
 *
 * @param id the store's id, null before the stream is created
 * @param scalings when its UpdateShardCount calls were made (the last 24 hours' are kept)
 */
public record StoredStream(
        Long id,
        StreamKey key,
        String topic,
        StreamStatus status,
        StreamMode mode,
        int retentionHours,
        String kmsKeyId,
        Long dataKeyId,
        int maxRecordSizeKiB,
        List<String> shardLevelMetrics,
        String resourcePolicy,
        List<Instant> scalings,
        Instant createdAt,
        List<Shard> shards,
        Map<String, String> tags) {

    public StoredStream {
        shardLevelMetrics = List.copyOf(shardLevelMetrics);
        scalings = List.copyOf(scalings);
        shards = List.copyOf(shards);
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** A new stream, CREATING, with its shards and tags. */
    public static StoredStream created(StreamKey key, String topic, StreamMode mode, int retentionHours, int maxRecordSizeKiB,
            Instant createdAt, List<Shard> shards, Map<String, String> tags) {
        return new StoredStream(null, key, topic, StreamStatus.CREATING, mode, retentionHours, null, null, maxRecordSizeKiB,
                List.of(), null, List.of(), createdAt, shards, tags);
    }

    /** The snapshot the record path and the API read. */
    public Stream snapshot() {
        return new Stream(id, key, topic, status, mode, retentionHours, encryptionType(), kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, createdAt, shards);
    }

    /** KMS while new records are sealed, NONE otherwise. */
    public String encryptionType() {
        return dataKeyId == null ? "NONE" : "KMS";
    }

    public StoredStream withStatus(StreamStatus newStatus) {
        return new StoredStream(id, key, topic, newStatus, mode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, resourcePolicy, scalings, createdAt, shards, tags);
    }

    public StoredStream withMode(StreamMode newMode) {
        return new StoredStream(id, key, topic, status, newMode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, resourcePolicy, scalings, createdAt, shards, tags);
    }

    public StoredStream withRetentionHours(int hours) {
        return new StoredStream(id, key, topic, status, mode, hours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, resourcePolicy, scalings, createdAt, shards, tags);
    }

    /** Seals new records with {@code newDataKeyId} under {@code newKmsKeyId}; nulls turn encryption off. */
    public StoredStream withEncryption(String newKmsKeyId, Long newDataKeyId) {
        return new StoredStream(id, key, topic, status, mode, retentionHours, newKmsKeyId, newDataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, resourcePolicy, scalings, createdAt, shards, tags);
    }

    public StoredStream withMaxRecordSizeKiB(int kib) {
        return new StoredStream(id, key, topic, status, mode, retentionHours, kmsKeyId, dataKeyId, kib,
                shardLevelMetrics, resourcePolicy, scalings, createdAt, shards, tags);
    }

    public StoredStream withShardLevelMetrics(List<String> metrics) {
        return new StoredStream(id, key, topic, status, mode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                metrics, resourcePolicy, scalings, createdAt, shards, tags);
    }

    public StoredStream withResourcePolicy(String policy) {
        return new StoredStream(id, key, topic, status, mode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, policy, scalings, createdAt, shards, tags);
    }

    public StoredStream withTags(UnaryOperator<Map<String, String>> change) {
        return new StoredStream(id, key, topic, status, mode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, resourcePolicy, scalings, createdAt, shards, change.apply(new TreeMap<>(tags)));
    }

    public StoredStream withShards(UnaryOperator<List<Shard>> change) {
        return new StoredStream(id, key, topic, status, mode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, resourcePolicy, scalings, createdAt, change.apply(new ArrayList<>(shards)), tags);
    }

    /** How many UpdateShardCount operations were made at or after {@code since}. */
    public long scalingsSince(Instant since) {
        return scalings.stream().filter(at -> !at.isBefore(since)).count();
    }

    /** Records an UpdateShardCount made at {@code at}, forgetting those before {@code keepSince}. */
    public StoredStream withScaling(Instant at, Instant keepSince) {
        List<Instant> kept = new ArrayList<>(scalings.stream().filter(t -> !t.isBefore(keepSince)).toList());
        kept.add(at);
        return new StoredStream(id, key, topic, status, mode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, resourcePolicy, kept, createdAt, shards, tags);
    }

    StoredStream withId(long newId) {
        return new StoredStream(newId, key, topic, status, mode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                shardLevelMetrics, resourcePolicy, scalings, createdAt, shards, tags);
    }
}
