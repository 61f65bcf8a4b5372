package io.sluice.streams.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the GetResourcePolicy and DeleteResourcePolicy requests, which share their shape. */
public record ResourcePolicyRequest(
        @JsonProperty("ResourceARN") String resourceArn,
        @JsonProperty("StreamId") String streamId) {
}
