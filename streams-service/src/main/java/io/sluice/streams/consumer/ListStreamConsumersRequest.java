package io.sluice.streams.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Wire form of the ListStreamConsumers request. */
public record ListStreamConsumersRequest(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("MaxResults") Integer maxResults,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
        @JsonProperty("StreamId") String streamId) {
}
