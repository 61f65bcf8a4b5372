package io.sluice.streams.shard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.stream.ShardView;
import java.util.List;

/** Wire form of the ListShards response. */
public record ListShardsResponse(
        @JsonProperty("Shards") List<ShardView> shards,
        @JsonProperty("NextToken") String nextToken) {
}
