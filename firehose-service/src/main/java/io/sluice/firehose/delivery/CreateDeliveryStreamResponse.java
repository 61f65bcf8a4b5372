package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

public record CreateDeliveryStreamResponse(@JsonProperty("DeliveryStreamARN") String deliveryStreamArn) {
}
