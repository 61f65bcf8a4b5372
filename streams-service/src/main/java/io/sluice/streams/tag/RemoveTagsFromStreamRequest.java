package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the RemoveTagsFromStream request. */
public record RemoveTagsFromStreamRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("TagKeys") List<String> tagKeys) {
}
