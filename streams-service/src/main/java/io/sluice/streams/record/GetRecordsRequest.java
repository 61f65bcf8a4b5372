package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the GetRecords request; its stream is its iterator's, and GetRecords authorizes it. */
public record GetRecordsRequest(
        @JsonProperty("ShardIterator") String shardIterator,
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("StreamARN") String streamArn) implements io.sluice.endpoint.access.SelfAuthorizing {

    @Override
    public boolean authorizesItself() {
        return true;
    }
}
