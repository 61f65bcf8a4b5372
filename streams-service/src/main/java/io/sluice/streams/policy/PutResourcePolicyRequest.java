package io.sluice.streams.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the PutResourcePolicy request. */
public record PutResourcePolicyRequest(
        @JsonProperty("ResourceARN") String resourceArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("Policy") String policy) {
}
