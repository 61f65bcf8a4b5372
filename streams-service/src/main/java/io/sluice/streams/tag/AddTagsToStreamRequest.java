package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Wire form of the AddTagsToStream request. */
public record AddTagsToStreamRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("Tags") Map<String, String> tags) {
}
