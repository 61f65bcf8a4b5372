package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the ListStreams request. */
public record ListStreamsRequest(
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("ExclusiveStartStreamName") String exclusiveStartStreamName,
        @JsonProperty("NextToken") String nextToken) {
}
