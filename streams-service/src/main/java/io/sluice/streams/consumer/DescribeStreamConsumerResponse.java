package io.sluice.streams.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the DescribeStreamConsumer response. */
public record DescribeStreamConsumerResponse(@JsonProperty("ConsumerDescription") ConsumerDescription consumerDescription) {
}
