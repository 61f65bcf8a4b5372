package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the PutRecord request. */
public record PutRecordRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("Data") byte[] data,
        @JsonProperty("PartitionKey") String partitionKey,
        @JsonProperty("ExplicitHashKey") String explicitHashKey,
        @JsonProperty("SequenceNumberForOrdering") String sequenceNumberForOrdering) {
}
