package io.sluice.streams.metadata;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.ShardId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of a stream and its shard map, as the record path reads it from the
 * {@link StreamCatalog} without touching the database.
 */
public record Stream(
        long id,
        StreamKey key,
        String topic,
        StreamStatus status,
        StreamMode mode,
        int retentionHours,
        String encryptionType,
        String kmsKeyId,
        Long dataKeyId,
        int maxRecordSizeKiB,
        List<String> shardLevelMetrics,
        Instant createdAt,
        List<Shard> shards) {

    public Stream {
        shards = List.copyOf(shards);
        shardLevelMetrics = List.copyOf(shardLevelMetrics);
    }

    public String arn() {
        return key.arn().toString();
    }

    public int maxRecordBytes() {
        return maxRecordSizeKiB * 1024;
    }

    public long openShardCount() {
        return shards.stream().filter(Shard::open).count();
    }

    /** The open shard whose hash-key range holds {@code hashKey}. */
    public Shard shardFor(BigInteger hashKey) {
        for (Shard shard : shards) {
            if (shard.open() && shard.range().contains(hashKey)) {
                return shard;
            }
        }
        throw ErrorCode.INTERNAL_FAILURE.exception("No open shard of stream %s holds hash key %s", key, hashKey);
    }

    /** The shards after {@code exclusiveStartShardId} in shard order; all of them when it is null or names no shard. */
    public List<Shard> shardsAfter(String exclusiveStartShardId) {
        int after = exclusiveStartShardId == null ? -1 : ShardId.parse(exclusiveStartShardId).map(ShardId::index).orElse(-1);
        return shards.stream().filter(s -> s.id().index() > after).toList();
    }

    /** The shards that {@code parent} was split into or merged into. */
    public List<Shard> children(Shard parent) {
        return shards.stream()
                .filter(s -> parent.id().equals(s.parent()) || parent.id().equals(s.adjacentParent()))
                .toList();
    }

    public Optional<Shard> shard(ShardId id) {
        return id.index() < shards.size() && shards.get(id.index()).id().equals(id)
                ? Optional.of(shards.get(id.index()))
                : shards.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The shard named by {@code shardId}.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException when there is none
     */
    public Shard requireShard(String shardId) {
        return ShardId.parse(shardId).flatMap(this::shard).orElseThrow(() -> shardNotFound(key, shardId));
    }

    /** AWS's ResourceNotFoundException for a shard a request names in a stream (also when there is no such stream). */
    public static RuntimeException shardNotFound(StreamKey key, String shardId) {
        Optional<ShardId> id = ShardId.parse(shardId);
        return id.isPresent()
                ? ErrorCode.RESOURCE_NOT_FOUND.exception("Shard %s in stream %s does not exist", id.get(), key)
                : ErrorCode.RESOURCE_NOT_FOUND.exception("Could not find shard %s in stream %s.", shardId, key);
    }
}
