package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the shard-level metrics enabled on a stream. */
public record EnhancedMetrics(
        @JsonProperty("ShardLevelMetrics") List<String> shardLevelMetrics) {
}
