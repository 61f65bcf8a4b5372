package io.sluice.streams.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.metadata.StreamConsumer;
import java.time.Instant;

/** Wire form of a Consumer (RegisterStreamConsumer, ListStreamConsumers). */
public record ConsumerView(
        @JsonProperty("ConsumerName") String consumerName,
        @JsonProperty("ConsumerARN") String consumerArn,
        @JsonProperty("ConsumerStatus") String consumerStatus,
        @JsonProperty("ConsumerCreationTimestamp") Instant consumerCreationTimestamp) {

    static ConsumerView of(StreamConsumer consumer) {
        return new ConsumerView(consumer.name(), consumer.arn().toString(), consumer.status().name(), consumer.createdAt());
    }
}
