package io.sluice.streams.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Wire form of the RegisterStreamConsumer request. */
public record RegisterStreamConsumerRequest(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("ConsumerName") String consumerName,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("Tags") Map<String, String> tags) {
}
