package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the PutRecords response. */
public record PutRecordsResponse(
        @JsonProperty("FailedRecordCount") int failedRecordCount,
        @JsonProperty("Records") List<PutRecordsResultEntry> records,
        @JsonProperty("EncryptionType") String encryptionType) {
}
