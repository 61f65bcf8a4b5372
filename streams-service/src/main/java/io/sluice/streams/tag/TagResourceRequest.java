package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Wire form of the TagResource request. */
public record TagResourceRequest(
        @JsonProperty("ResourceARN") String resourceArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("Tags") Map<String, String> tags) {
}
