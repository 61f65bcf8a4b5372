package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of a hash-key range. */
public record HashKeyRangeView(
        @JsonProperty("StartingHashKey") String startingHashKey,
        @JsonProperty("EndingHashKey") String endingHashKey) {
}
