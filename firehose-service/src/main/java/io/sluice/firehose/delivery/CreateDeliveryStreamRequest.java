package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.destination.S3Destination;
import java.util.List;

/**
 * CreateDeliveryStream. Destinations other than S3 and sources other than DirectPut are read so that
 * they can be refused with a clear error.
 */
public record CreateDeliveryStreamRequest(
        @JsonProperty("DeliveryStreamName") String deliveryStreamName,
        @JsonProperty("DeliveryStreamType") String deliveryStreamType,
        @JsonProperty("KinesisStreamSourceConfiguration") JsonNode kinesisStreamSourceConfiguration,
        @JsonProperty("DeliveryStreamEncryptionConfigurationInput") JsonNode deliveryStreamEncryptionConfigurationInput,
        @JsonProperty("S3DestinationConfiguration") S3Destination s3DestinationConfiguration,
        @JsonProperty("ExtendedS3DestinationConfiguration") S3Destination extendedS3DestinationConfiguration,
        @JsonProperty("RedshiftDestinationConfiguration") JsonNode redshiftDestinationConfiguration,
        @JsonProperty("ElasticsearchDestinationConfiguration") JsonNode elasticsearchDestinationConfiguration,
        @JsonProperty("AmazonopensearchserviceDestinationConfiguration") JsonNode amazonopensearchserviceDestinationConfiguration,
        @JsonProperty("SplunkDestinationConfiguration") JsonNode splunkDestinationConfiguration,
        @JsonProperty("HttpEndpointDestinationConfiguration") JsonNode httpEndpointDestinationConfiguration,
        @JsonProperty("AmazonOpenSearchServerlessDestinationConfiguration") JsonNode amazonOpenSearchServerlessDestinationConfiguration,
        @JsonProperty("SnowflakeDestinationConfiguration") JsonNode snowflakeDestinationConfiguration,
        @JsonProperty("IcebergDestinationConfiguration") JsonNode icebergDestinationConfiguration,
        @JsonProperty("Tags") List<Tag> tags) {

    /** Whether a destination other than S3 is given. */
    boolean hasOtherDestination() {
        return redshiftDestinationConfiguration != null || elasticsearchDestinationConfiguration != null
                || amazonopensearchserviceDestinationConfiguration != null || splunkDestinationConfiguration != null
                || httpEndpointDestinationConfiguration != null || amazonOpenSearchServerlessDestinationConfiguration != null
                || snowflakeDestinationConfiguration != null || icebergDestinationConfiguration != null;
    }
}
