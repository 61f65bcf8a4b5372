package io.sluice.streams.shard;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the UpdateShardCount response. */
public record UpdateShardCountResponse(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("CurrentShardCount") int currentShardCount,
        @JsonProperty("TargetShardCount") int targetShardCount,
        @JsonProperty("StreamARN") String streamArn) {
}
