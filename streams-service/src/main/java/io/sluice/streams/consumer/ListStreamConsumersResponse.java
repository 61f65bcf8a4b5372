package io.sluice.streams.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the ListStreamConsumers response. */
public record ListStreamConsumersResponse(
        @JsonProperty("Consumers") List<ConsumerView> consumers,
        @JsonProperty("NextToken") String nextToken) {
}
