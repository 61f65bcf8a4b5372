package io.sluice.firehose.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the PutRecord response. */
public record PutRecordResponse(
        @JsonProperty("RecordId") String recordId,
        @JsonProperty("Encrypted") boolean encrypted) {
}
