package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the DescribeStreamSummary response. */
public record DescribeStreamSummaryResponse(
        @JsonProperty("StreamDescriptionSummary") StreamDescriptionSummary streamDescriptionSummary) {
}
