package io.sluice.streams.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Wire form of the DescribeStreamConsumer and DeregisterStreamConsumer requests, which share their
 * shape: a ConsumerARN, or a StreamARN and a ConsumerName.
 */
public record ConsumerRequest(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("ConsumerName") String consumerName,
        @JsonProperty("ConsumerARN") String consumerArn,
        @JsonProperty("StreamId") String streamId) {
}
