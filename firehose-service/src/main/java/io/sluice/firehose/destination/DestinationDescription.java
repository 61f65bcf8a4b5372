package io.sluice.firehose.destination;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A destination as DescribeDeliveryStream reports it. For an extended S3 destination AWS fills both
 * {@code ExtendedS3DestinationDescription} and, with its first eight members, {@code S3DestinationDescription}.
 */
public record DestinationDescription(
        @JsonProperty("DestinationId") String destinationId,
        @JsonProperty("S3DestinationDescription") S3Description s3DestinationDescription,
        @JsonProperty("ExtendedS3DestinationDescription") ExtendedS3Description extendedS3DestinationDescription) {

    /** The one destination of a delivery stream: {@value #ID}, as AWS numbers them. */
    public static final String ID = "destinationId-000000000001";

    public static DestinationDescription of(S3Destination d, boolean extended) {
        S3Description plain = new S3Description(d.roleArn(), d.bucketArn(), d.prefix(), d.errorOutputPrefix(),
                d.bufferingHints(), d.compressionFormat(), d.encryptionConfiguration(), d.cloudWatchLoggingOptions());
        return new DestinationDescription(ID, plain, extended ? new ExtendedS3Description(d.roleArn(), d.bucketArn(),
                d.prefix(), d.errorOutputPrefix(), d.bufferingHints(), d.compressionFormat(), d.encryptionConfiguration(),
                d.cloudWatchLoggingOptions(), d.processingConfiguration(), d.s3BackupMode(), d.s3BackupConfiguration(),
                d.dataFormatConversionConfiguration(), d.dynamicPartitioningConfiguration(), d.fileExtension(),
                d.customTimeZone()) : null);
    }

    public record S3Description(
            @JsonProperty("RoleARN") String roleArn,
            @JsonProperty("BucketARN") String bucketArn,
            @JsonProperty("Prefix") String prefix,
            @JsonProperty("ErrorOutputPrefix") String errorOutputPrefix,
            @JsonProperty("BufferingHints") BufferingHints bufferingHints,
            @JsonProperty("CompressionFormat") String compressionFormat,
            @JsonProperty("EncryptionConfiguration") JsonNode encryptionConfiguration,
            @JsonProperty("CloudWatchLoggingOptions") JsonNode cloudWatchLoggingOptions) {
    }

    public record ExtendedS3Description(
            @JsonProperty("RoleARN") String roleArn,
            @JsonProperty("BucketARN") String bucketArn,
            @JsonProperty("Prefix") String prefix,
            @JsonProperty("ErrorOutputPrefix") String errorOutputPrefix,
            @JsonProperty("BufferingHints") BufferingHints bufferingHints,
            @JsonProperty("CompressionFormat") String compressionFormat,
            @JsonProperty("EncryptionConfiguration") JsonNode encryptionConfiguration,
            @JsonProperty("CloudWatchLoggingOptions") JsonNode cloudWatchLoggingOptions,
            @JsonProperty("ProcessingConfiguration") JsonNode processingConfiguration,
            @JsonProperty("S3BackupMode") String s3BackupMode,
            @JsonProperty("S3BackupDescription") JsonNode s3BackupDescription,
            @JsonProperty("DataFormatConversionConfiguration") JsonNode dataFormatConversionConfiguration,
            @JsonProperty("DynamicPartitioningConfiguration") JsonNode dynamicPartitioningConfiguration,
            @JsonProperty("FileExtension") String fileExtension,
            @JsonProperty("CustomTimeZone") String customTimeZone) {
    }
}
