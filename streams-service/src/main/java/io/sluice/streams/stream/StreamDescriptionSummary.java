package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.metadata.StreamStatus;
import java.time.Instant;
import java.util.List;

/** Wire form of a stream as DescribeStreamSummary shows it. */
public record StreamDescriptionSummary(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamStatus") StreamStatus streamStatus,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("RetentionPeriodHours") int retentionPeriodHours,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
        @JsonProperty("EnhancedMonitoring") List<EnhancedMetrics> enhancedMonitoring,
        @JsonProperty("EncryptionType") String encryptionType,
        @JsonProperty("KeyId") String keyId,
        @JsonProperty("OpenShardCount") int openShardCount,
        @JsonProperty("ConsumerCount") int consumerCount,
        @JsonProperty("WarmThroughput") WarmThroughput warmThroughput,
        @JsonProperty("MaxRecordSizeInKiB") int maxRecordSizeInKiB) {
}
