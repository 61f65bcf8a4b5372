package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record ListDeliveryStreamsResponse(
        @JsonProperty("DeliveryStreamNames") List<String> deliveryStreamNames,
        @JsonProperty("HasMoreDeliveryStreams") boolean hasMoreDeliveryStreams) {
}
