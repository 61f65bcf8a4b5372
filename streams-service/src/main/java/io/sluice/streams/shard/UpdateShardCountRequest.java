package io.sluice.streams.shard;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the UpdateShardCount request. */
public record UpdateShardCountRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("TargetShardCount") Integer targetShardCount,
        @JsonProperty("ScalingType") String scalingType) {
}
