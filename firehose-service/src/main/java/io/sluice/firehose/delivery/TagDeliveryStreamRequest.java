package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream, each with its own members. */
public record TagDeliveryStreamRequest(
        @JsonProperty("DeliveryStreamName") String deliveryStreamName,
        @JsonProperty("Tags") List<Tag> tags,
        @JsonProperty("TagKeys") List<String> tagKeys,
        @JsonProperty("ExclusiveStartTagKey") String exclusiveStartTagKey,
        @JsonProperty("Limit") Integer limit) {
}
