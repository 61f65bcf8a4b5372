package io.sluice.streams.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the GetResourcePolicy response: the policy document as a JSON string. */
public record GetResourcePolicyResponse(@JsonProperty("Policy") String policy) {
}
