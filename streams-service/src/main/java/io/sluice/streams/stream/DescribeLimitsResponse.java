package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the DescribeLimits response: the account's shard and on-demand stream limits and usage. */
public record DescribeLimitsResponse(
        @JsonProperty("ShardLimit") int shardLimit,
        @JsonProperty("OpenShardCount") long openShardCount,
        @JsonProperty("OnDemandStreamCount") long onDemandStreamCount,
        @JsonProperty("OnDemandStreamCountLimit") int onDemandStreamCountLimit) {
}
