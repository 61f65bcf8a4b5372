package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record ListTagsForDeliveryStreamResponse(
        @JsonProperty("Tags") List<Tag> tags,
        @JsonProperty("HasMoreTags") boolean hasMoreTags) {
}
