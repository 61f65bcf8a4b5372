package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the sequence numbers a shard spans. */
public record SequenceNumberRangeView(
        @JsonProperty("StartingSequenceNumber") String startingSequenceNumber,
        @JsonProperty("EndingSequenceNumber") String endingSequenceNumber) {
}
