package io.sluice.streams.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the Enable- and DisableEnhancedMonitoring requests, which share their shape. */
public record EnhancedMonitoringRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("ShardLevelMetrics") List<String> shardLevelMetrics) {
}
