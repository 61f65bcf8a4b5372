package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the ListTagsForStream request. */
public record ListTagsForStreamRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("ExclusiveStartTagKey") String exclusiveStartTagKey,
        @JsonProperty("Limit") Integer limit) {
}
