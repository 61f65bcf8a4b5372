package io.sluice.streams.iterator;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Wire form of the GetShardIterator request. */
public record GetShardIteratorRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("ShardIteratorType") String shardIteratorType,
        @JsonProperty("StartingSequenceNumber") String startingSequenceNumber,
        @JsonProperty("Timestamp") Instant timestamp) {
}
