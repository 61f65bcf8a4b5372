package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the DeleteStream request. */
public record DeleteStreamRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("EnforceConsumerDeletion") Boolean enforceConsumerDeletion) {
}
