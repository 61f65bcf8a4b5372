package io.sluice.firehose.destination;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When a buffer is delivered: at {@code SizeInMBs} (1–128, default 5) or after
 * {@code IntervalInSeconds} (0–900, default 300), whichever comes first.
 */
public record BufferingHints(
        @JsonProperty("SizeInMBs") Integer sizeInMBs,
        @JsonProperty("IntervalInSeconds") Integer intervalInSeconds) {

    static final BufferingHints DEFAULT = new BufferingHints(5, 300);

    BufferingHints withDefaults() {
        return new BufferingHints(sizeInMBs == null ? DEFAULT.sizeInMBs : sizeInMBs,
                intervalInSeconds == null ? DEFAULT.intervalInSeconds : intervalInSeconds);
    }
}
