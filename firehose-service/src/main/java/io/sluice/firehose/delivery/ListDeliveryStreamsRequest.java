package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

public record ListDeliveryStreamsRequest(
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("DeliveryStreamType") String deliveryStreamType,
        @JsonProperty("ExclusiveStartDeliveryStreamName") String exclusiveStartDeliveryStreamName) {
}
