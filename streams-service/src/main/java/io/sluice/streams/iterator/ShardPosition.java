package io.sluice.streams.iterator;

/**
 * Where a shard iterator points: the next Kafka offset to read in the shard's partition.
 *
 * @param streamId the stream's database id, so an iterator dies with its stream
 * @param shardIndex the shard, which is also the Kafka partition
 * @param offset the next offset to read
 */
public record ShardPosition(long streamId, int shardIndex, long offset) {
}
