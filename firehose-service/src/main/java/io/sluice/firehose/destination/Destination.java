package io.sluice.firehose.destination;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a delivery stream delivers: an S3 destination, given as an extended one or as the older
 * plain one (DescribeDeliveryStream reports the forms it was given in).
 */
public record Destination(@JsonProperty("S3") S3Destination s3, @JsonProperty("Extended") boolean extended) {
}
