package io.sluice.firehose.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the PutRecord request. */
public record PutRecordRequest(
        @JsonProperty("DeliveryStreamName") String deliveryStreamName,
        @JsonProperty("Record") FirehoseRecord record) {
}
