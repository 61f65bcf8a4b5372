package io.sluice.analytics.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record ListApplicationsResponse(
        @JsonProperty("ApplicationSummaries") List<ApplicationSummary> applicationSummaries,
        @JsonProperty("HasMoreApplications") boolean hasMoreApplications) {

    public record ApplicationSummary(
            @JsonProperty("ApplicationName") String applicationName,
            @JsonProperty("ApplicationARN") String applicationArn,
            @JsonProperty("ApplicationStatus") String applicationStatus) {
    }
}
