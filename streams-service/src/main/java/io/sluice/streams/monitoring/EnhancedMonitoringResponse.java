package io.sluice.streams.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the EnhancedMonitoringOutput: the metrics before and after the change. */
public record EnhancedMonitoringResponse(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("CurrentShardLevelMetrics") List<String> currentShardLevelMetrics,
        @JsonProperty("DesiredShardLevelMetrics") List<String> desiredShardLevelMetrics) {
}
