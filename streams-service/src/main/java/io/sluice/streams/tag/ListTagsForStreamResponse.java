package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the ListTagsForStream response. */
public record ListTagsForStreamResponse(
        @JsonProperty("Tags") List<Tag> tags,
        @JsonProperty("HasMoreTags") boolean hasMoreTags) {
}
