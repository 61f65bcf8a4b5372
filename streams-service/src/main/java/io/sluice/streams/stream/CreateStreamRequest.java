package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Wire form of the CreateStream request. */
public record CreateStreamRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ShardCount") Integer shardCount,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("MaxRecordSizeInKiB") Integer maxRecordSizeInKiB) {
}
