package io.sluice.firehose.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the PutRecordBatch response: one entry per record, in request order. */
public record PutRecordBatchResponse(
        @JsonProperty("FailedPutCount") int failedPutCount,
        @JsonProperty("Encrypted") boolean encrypted,
        @JsonProperty("RequestResponses") List<Entry> requestResponses) {

    /** A record's outcome: its RecordId, or the error that kept it out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            @JsonProperty("RecordId") String recordId,
            @JsonProperty("ErrorCode") String errorCode,
            @JsonProperty("ErrorMessage") String errorMessage) {
    }
}
