package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the UpdateStreamMode request: the stream is named by its ARN only. */
public record UpdateStreamModeRequest(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("WarmThroughputMiBps") Integer warmThroughputMiBps) {
}
