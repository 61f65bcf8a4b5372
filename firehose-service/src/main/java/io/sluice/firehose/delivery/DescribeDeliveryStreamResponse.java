package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.firehose.destination.DestinationDescription;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public record DescribeDeliveryStreamResponse(
        @JsonProperty("DeliveryStreamDescription") Description deliveryStreamDescription) {

    public record Description(
            @JsonProperty("DeliveryStreamName") String deliveryStreamName,
            @JsonProperty("DeliveryStreamARN") String deliveryStreamArn,
            @JsonProperty("DeliveryStreamStatus") String deliveryStreamStatus,
            @JsonProperty("FailureDescription") FailureDescription failureDescription,
            @JsonProperty("DeliveryStreamEncryptionConfiguration") Map<String, String> deliveryStreamEncryptionConfiguration,
            @JsonProperty("DeliveryStreamType") String deliveryStreamType,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("CreateTimestamp") Instant createTimestamp,
            @JsonProperty("LastUpdateTimestamp") Instant lastUpdateTimestamp,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Source") Map<String, KinesisSource.Description> source,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("Destinations") List<DestinationDescription> destinations,
            @JsonProperty("HasMoreDestinations") boolean hasMoreDestinations) {
    }
}
