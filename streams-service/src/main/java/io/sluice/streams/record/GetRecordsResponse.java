package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
/** Wire form of the GetRecords response. */
public record GetRecordsResponse(
        @JsonProperty("Records") List<RecordView> records,
        @JsonProperty("NextShardIterator") String nextShardIterator,
        @JsonProperty("MillisBehindLatest") long millisBehindLatest) {
}
