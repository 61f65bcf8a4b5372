package io.sluice.analytics.application;

import com.fasterxml.jackson.annotation.JsonProperty;

public record ListApplicationsRequest(
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("ExclusiveStartApplicationName") String exclusiveStartApplicationName) {
}
