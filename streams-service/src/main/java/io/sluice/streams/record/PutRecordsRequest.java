package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the PutRecords request. */
public record PutRecordsRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("Records") List<PutRecordsRequestEntry> records) {
}
