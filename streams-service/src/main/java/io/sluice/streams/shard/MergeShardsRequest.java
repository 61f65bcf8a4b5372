package io.sluice.streams.shard;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the MergeShards request. */
public record MergeShardsRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("ShardToMerge") String shardToMerge,
        @JsonProperty("AdjacentShardToMerge") String adjacentShardToMerge) {
}
