package io.sluice.firehose.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the PutRecordBatch request. */
public record PutRecordBatchRequest(
        @JsonProperty("DeliveryStreamName") String deliveryStreamName,
        @JsonProperty("Records") List<FirehoseRecord> records) {
}
