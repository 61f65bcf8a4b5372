package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the outcome of one PutRecords record: a sequence number, or an error. */
public record PutRecordsResultEntry(
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("ErrorCode") String errorCode,
        @JsonProperty("ErrorMessage") String errorMessage) {
}
