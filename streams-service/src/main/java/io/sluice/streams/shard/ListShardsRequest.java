package io.sluice.streams.shard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Wire form of the ListShards request. */
public record ListShardsRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("ExclusiveStartShardId") String exclusiveStartShardId,
        @JsonProperty("MaxResults") Integer maxResults,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
        @JsonProperty("ShardFilter") ShardFilter shardFilter) {
}
