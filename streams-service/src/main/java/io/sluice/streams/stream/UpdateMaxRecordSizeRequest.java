package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the UpdateMaxRecordSize request: the stream is named by its ARN only. */
public record UpdateMaxRecordSizeRequest(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamId") String streamId,
        @JsonProperty("MaxRecordSizeInKiB") Integer maxRecordSizeInKiB) {
}
