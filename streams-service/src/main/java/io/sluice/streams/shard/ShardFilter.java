package io.sluice.streams.shard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Wire form of the ListShards shard filter. */
public record ShardFilter(
        @JsonProperty("Type") String type,
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("Timestamp") Instant timestamp) {
}
