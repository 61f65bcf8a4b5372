package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire form of the ListStreams response. */
public record ListStreamsResponse(
        @JsonProperty("StreamNames") List<String> streamNames,
        @JsonProperty("HasMoreStreams") boolean hasMoreStreams,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("StreamSummaries") List<StreamSummary> streamSummaries) {
}
