package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.metadata.StreamStatus;
import java.time.Instant;
import java.util.List;

/** Wire form of a stream as DescribeStream shows it. */
public record StreamDescription(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamStatus") StreamStatus streamStatus,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("Shards") List<ShardView> shards,
        @JsonProperty("HasMoreShards") boolean hasMoreShards,
        @JsonProperty("RetentionPeriodHours") int retentionPeriodHours,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
        @JsonProperty("EnhancedMonitoring") List<EnhancedMetrics> enhancedMonitoring,
        @JsonProperty("EncryptionType") String encryptionType,
        @JsonProperty("KeyId") String keyId) {
}
