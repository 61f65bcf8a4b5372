package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of one record of a PutRecords request. */
public record PutRecordsRequestEntry(
        @JsonProperty("Data") byte[] data,
        @JsonProperty("ExplicitHashKey") String explicitHashKey,
        @JsonProperty("PartitionKey") String partitionKey) {
}
