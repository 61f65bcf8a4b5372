package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.metadata.StreamStatus;
import java.time.Instant;

/** Wire form of one stream in a ListStreams response. */
public record StreamSummary(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamStatus") StreamStatus streamStatus,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp) {
}
