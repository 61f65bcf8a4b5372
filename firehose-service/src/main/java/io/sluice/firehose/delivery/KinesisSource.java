package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The Kinesis stream a KinesisStreamAsSource delivery stream reads: its ARN, the role given, the
 * time delivery starts from, and where it starts in each partition the stream had then (the end of
 * each, taken when the delivery stream turned ACTIVE; partitions made later are read from their
 * start). Offsets rather than a time, so that a service clock apart from the brokers' loses nothing.
 */
public record KinesisSource(
        @JsonProperty("KinesisStreamARN") String streamArn,
        @JsonProperty("RoleARN") String roleArn,
        @JsonProperty("DeliveryStartTimestamp") Instant deliveryStartTimestamp,
        @JsonProperty("StartingOffsets") java.util.Map<Integer, Long> startingOffsets) {

    public KinesisSource(String streamArn, String roleArn, Instant deliveryStartTimestamp) {
        this(streamArn, roleArn, deliveryStartTimestamp, null);
    }

    public KinesisSource withStartingOffsets(java.util.Map<Integer, Long> offsets) {
        return new KinesisSource(streamArn, roleArn, deliveryStartTimestamp, java.util.Map.copyOf(offsets));
    }

    /** As DescribeDeliveryStream shows it: {@code KinesisStreamSourceDescription}. */
    public record Description(
            @JsonProperty("KinesisStreamARN") String streamArn,
            @JsonProperty("RoleARN") String roleArn,
            @JsonProperty("DeliveryStartTimestamp") Instant deliveryStartTimestamp) {
    }

    public Description description() {
        return new Description(streamArn, roleArn, deliveryStartTimestamp);
    }
}
