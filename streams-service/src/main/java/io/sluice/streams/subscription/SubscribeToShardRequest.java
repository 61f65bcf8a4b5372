package io.sluice.streams.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Wire form of the SubscribeToShard request. StreamId is reserved by AWS and ignored. */
public record SubscribeToShardRequest(
        @JsonProperty("ConsumerARN") String consumerArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("StartingPosition") StartingPosition startingPosition) {

    /** Where the subscription starts: a shard iterator type and its argument. */
    public record StartingPosition(
            @JsonProperty("Type") String type,
            @JsonProperty("SequenceNumber") String sequenceNumber,
            @JsonProperty("Timestamp") Instant timestamp) {
    }
}
