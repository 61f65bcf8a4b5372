package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the ListTagsForResource response: every tag, without paging. */
public record ListTagsForResourceResponse(@JsonProperty("Tags") List<Tag> tags) {
}
