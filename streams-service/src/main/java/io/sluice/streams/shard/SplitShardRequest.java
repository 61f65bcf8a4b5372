package io.sluice.streams.shard;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the SplitShard request. */
public record SplitShardRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("ShardToSplit") String shardToSplit,
        @JsonProperty("NewStartingHashKey") String newStartingHashKey) {
}
