package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the DescribeStream response. */
public record DescribeStreamResponse(
        @JsonProperty("StreamDescription") StreamDescription streamDescription) {
}
