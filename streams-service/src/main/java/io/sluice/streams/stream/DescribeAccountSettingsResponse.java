package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Wire form of the DescribeAccountSettings response. A self-hosted platform bills nothing, so the
 * minimum throughput billing commitment is always DISABLED.
 */
public record DescribeAccountSettingsResponse(
        @JsonProperty("MinimumThroughputBillingCommitment") Commitment minimumThroughputBillingCommitment) {

    public record Commitment(@JsonProperty("Status") String status) {
    }

    static DescribeAccountSettingsResponse disabled() {
        return new DescribeAccountSettingsResponse(new Commitment("DISABLED"));
    }
}
