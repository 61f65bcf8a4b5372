package io.sluice.streams.shard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Wire form of the ListShards request; with a NextToken, the stream is the token's, and ListShards authorizes it. */
public record ListShardsRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("ExclusiveStartShardId") String exclusiveStartShardId,
        @JsonProperty("MaxResults") Integer maxResults,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
        @JsonProperty("ShardFilter") ShardFilter shardFilter) implements io.sluice.endpoint.access.SelfAuthorizing {

    @Override
    public boolean authorizesItself() {
        return nextToken != null;
    }
}
