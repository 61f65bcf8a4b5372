package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the Increase- and DecreaseStreamRetentionPeriod requests, which share their shape. */
public record RetentionPeriodRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("RetentionPeriodHours") Integer retentionPeriodHours) {
}
