package io.sluice.streams.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.metadata.StreamConsumer;
import java.time.Instant;

/** Wire form of a ConsumerDescription (DescribeStreamConsumer): a Consumer and its stream's ARN. */
public record ConsumerDescription(
        @JsonProperty("ConsumerName") String consumerName,
        @JsonProperty("ConsumerARN") String consumerArn,
        @JsonProperty("ConsumerStatus") String consumerStatus,
        @JsonProperty("ConsumerCreationTimestamp") Instant consumerCreationTimestamp,
        @JsonProperty("StreamARN") String streamArn) {

    static ConsumerDescription of(StreamConsumer consumer) {
        return new ConsumerDescription(consumer.name(), consumer.arn().toString(), consumer.status().name(),
                consumer.createdAt(), consumer.streamKey().arn().toString());
    }
}
