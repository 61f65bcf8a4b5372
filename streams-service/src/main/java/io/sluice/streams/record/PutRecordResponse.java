package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the PutRecord response. */
public record PutRecordResponse(
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("EncryptionType") String encryptionType) {
}
