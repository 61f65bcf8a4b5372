package io.sluice.streams.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the RegisterStreamConsumer response. */
public record RegisterStreamConsumerResponse(@JsonProperty("Consumer") ConsumerView consumer) {
}
