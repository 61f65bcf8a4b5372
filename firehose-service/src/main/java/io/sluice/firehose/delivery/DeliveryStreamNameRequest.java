package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

/** DescribeDeliveryStream and DeleteDeliveryStream: a delivery stream by name, with their own options. */
public record DeliveryStreamNameRequest(
        @JsonProperty("DeliveryStreamName") String deliveryStreamName,
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("ExclusiveStartDestinationId") String exclusiveStartDestinationId,
        @JsonProperty("AllowForceDelete") Boolean allowForceDelete) {
}
