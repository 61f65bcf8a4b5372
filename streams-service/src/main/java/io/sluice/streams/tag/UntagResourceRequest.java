package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the UntagResource request. */
public record UntagResourceRequest(
        @JsonProperty("ResourceARN") String resourceArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("TagKeys") List<String> tagKeys) {
}
