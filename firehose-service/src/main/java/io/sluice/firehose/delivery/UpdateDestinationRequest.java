package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.destination.S3Destination;

/** UpdateDestination. Updates of destinations other than S3 are read so that they can be refused. */
public record UpdateDestinationRequest(
        @JsonProperty("DeliveryStreamName") String deliveryStreamName,
        @JsonProperty("CurrentDeliveryStreamVersionId") String currentDeliveryStreamVersionId,
        @JsonProperty("DestinationId") String destinationId,
        @JsonProperty("S3DestinationUpdate") S3Destination s3DestinationUpdate,
        @JsonProperty("ExtendedS3DestinationUpdate") S3Destination extendedS3DestinationUpdate,
        @JsonProperty("RedshiftDestinationUpdate") JsonNode redshiftDestinationUpdate,
        @JsonProperty("ElasticsearchDestinationUpdate") JsonNode elasticsearchDestinationUpdate,
        @JsonProperty("AmazonopensearchserviceDestinationUpdate") JsonNode amazonopensearchserviceDestinationUpdate,
        @JsonProperty("SplunkDestinationUpdate") JsonNode splunkDestinationUpdate,
        @JsonProperty("HttpEndpointDestinationUpdate") JsonNode httpEndpointDestinationUpdate,
        @JsonProperty("AmazonOpenSearchServerlessDestinationUpdate") JsonNode amazonOpenSearchServerlessDestinationUpdate,
        @JsonProperty("SnowflakeDestinationUpdate") JsonNode snowflakeDestinationUpdate,
        @JsonProperty("IcebergDestinationUpdate") JsonNode icebergDestinationUpdate) {

    boolean hasOtherUpdate() {
        return redshiftDestinationUpdate != null || elasticsearchDestinationUpdate != null
                || amazonopensearchserviceDestinationUpdate != null || splunkDestinationUpdate != null
                || httpEndpointDestinationUpdate != null || amazonOpenSearchServerlessDestinationUpdate != null
                || snowflakeDestinationUpdate != null || icebergDestinationUpdate != null;
    }
}
