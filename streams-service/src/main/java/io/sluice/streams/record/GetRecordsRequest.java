package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the GetRecords request. */
public record GetRecordsRequest(
        @JsonProperty("ShardIterator") String shardIterator,
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("StreamARN") String streamArn) {
}
