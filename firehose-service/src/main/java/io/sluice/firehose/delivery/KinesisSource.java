package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The Kinesis stream a KinesisStreamAsSource delivery stream reads: its ARN, the role given, and
 * the time delivery starts from (the stream's records from then on, as Firehose reads them).
 */
public record KinesisSource(
        @JsonProperty("KinesisStreamARN") String streamArn,
        @JsonProperty("RoleARN") String roleArn,
        @JsonProperty("DeliveryStartTimestamp") Instant deliveryStartTimestamp) {
}
