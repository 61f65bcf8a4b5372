package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.metadata.StreamMode;

/** Wire form of a stream's capacity mode. */
public record StreamModeDetails(
        @JsonProperty("StreamMode") String streamMode) {
}
