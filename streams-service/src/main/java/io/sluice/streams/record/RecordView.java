package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
/** Wire form of a record in a GetRecords response. */
public record RecordView(
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("ApproximateArrivalTimestamp") Instant approximateArrivalTimestamp,
        @JsonProperty("Data") byte[] data,
        @JsonProperty("PartitionKey") String partitionKey) {
}
