package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the ListTagsForResource request. */
public record ListTagsForResourceRequest(
        @JsonProperty("ResourceARN") String resourceArn,
        @JsonProperty("StreamId") String streamId) {
}
