package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the DescribeStream request. */
public record DescribeStreamRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("ExclusiveStartShardId") String exclusiveStartShardId) {
}
