package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a delivery stream is CREATING_FAILED (or its delivery failing): a DeliveryStreamFailureType and details. */
public record FailureDescription(@JsonProperty("Type") String type, @JsonProperty("Details") String details) {
}
