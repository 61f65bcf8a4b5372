package io.sluice.streams.capacity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The account settings of DescribeAccountSettings and UpdateAccountSettings: their request and answer. */
public record AccountSettings(
        @JsonProperty("MinimumThroughputBillingCommitment") Commitment minimumThroughputBillingCommitment) {

    /** UpdateAccountSettings' request: the commitment status wanted. */
    public record Update(@JsonProperty("MinimumThroughputBillingCommitment") Wanted minimumThroughputBillingCommitment) {
    }

    public record Wanted(@JsonProperty("Status") String status) {
    }
}
