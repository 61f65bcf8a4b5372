package io.sluice.firehose.destination;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.arn.BucketArn;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An S3 destination as CreateDeliveryStream takes it: {@code ExtendedS3DestinationConfiguration}, or
 * the older {@code S3DestinationConfiguration} (its first eight members); UpdateDestination's
 * {@code ExtendedS3DestinationUpdate} and {@code S3DestinationUpdate} have the same members, all optional. The members the delivery
 * pipeline interprets are typed; the processing, format conversion, dynamic partitioning, backup,
 * encryption and logging sub-configurations are kept as given and described back as given until the
 * features that read them arrive.
 */
public record S3Destination(
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
        @JsonProperty("S3BackupConfiguration") @JsonAlias("S3BackupUpdate") JsonNode s3BackupConfiguration,
        @JsonProperty("DataFormatConversionConfiguration") JsonNode dataFormatConversionConfiguration,
        @JsonProperty("DynamicPartitioningConfiguration") JsonNode dynamicPartitioningConfiguration,
        @JsonProperty("FileExtension") String fileExtension,
        @JsonProperty("CustomTimeZone") String customTimeZone) {

    /** The model's patterns (firehose-2015-08-04). */
    public static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern BUCKET_ARN = Pattern.compile("arn:.*:s3:::[\\w\\.\\-]{1,255}");
    static final Pattern FILE_EXTENSION = Pattern.compile("^$|\\.[0-9a-z!\\-_.*'()]+");
    static final Pattern TIME_ZONE = Pattern.compile("^$|[a-zA-Z/_]+");
    static final List<String> COMPRESSION_FORMATS = List.of("UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY");
    static final List<String> BACKUP_MODES = List.of("Disabled", "Enabled");

    /**
     * Adds the model's constraints on a destination under {@code path} (as AWS prints it, e.g.
     * {@code extendedS3DestinationConfiguration}) to {@code violations}.
     */
    public Violations check(Violations violations, String path) {
        BufferingHints hints = bufferingHints == null ? new BufferingHints(null, null) : bufferingHints;
        processing().check(violations, path + ".processingConfiguration");
        io.sluice.firehose.conversion.DataFormatConversion.check(dataFormatConversionConfiguration, violations,
                path + ".dataFormatConversionConfiguration");
        return violations
                .notNull(path + ".roleARN", roleArn)
                .length(path + ".roleARN", roleArn, 1, 512)
                .pattern(path + ".roleARN", roleArn, ROLE_ARN)
                .notNull(path + ".bucketARN", bucketArn)
                .length(path + ".bucketARN", bucketArn, 1, 2048)
                .pattern(path + ".bucketARN", bucketArn, BUCKET_ARN)
                .length(path + ".prefix", prefix, 0, 1024)
                .length(path + ".errorOutputPrefix", errorOutputPrefix, 0, 1024)
                .range(path + ".bufferingHints.sizeInMBs", hints.sizeInMBs(), 1, 128)
                .range(path + ".bufferingHints.intervalInSeconds", hints.intervalInSeconds(), 0, 900)
                .oneOf(path + ".compressionFormat", compressionFormat, COMPRESSION_FORMATS)
                .oneOf(path + ".s3BackupMode", s3BackupMode, BACKUP_MODES)
                .length(path + ".fileExtension", fileExtension, 0, 128)
                .pattern(path + ".fileExtension", fileExtension, FILE_EXTENSION)
                .length(path + ".customTimeZone", customTimeZone, 0, 50)
                .pattern(path + ".customTimeZone", customTimeZone, TIME_ZONE);
    }

    /**
     * The rules that span members, which AWS answers with InvalidArgumentException.
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException
     */
    public void checkConsistent() {
        if (BucketArn.parse(bucketArn).isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("BucketARN %s does not name a valid S3 bucket.", bucketArn);
        }
        boolean converting = dataFormatConversionConfiguration != null
                && dataFormatConversionConfiguration.path("Enabled").asBoolean(true);
        if (converting && compressionFormat != null && !compressionFormat.equals("UNCOMPRESSED")) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "CompressionFormat must be UNCOMPRESSED when DataFormatConversion is enabled; "
                            + "set the compression in the serializer instead.");
        }
        if (prefix != null && prefix.contains("!{") && (errorOutputPrefix == null || errorOutputPrefix.isEmpty())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        }
        if (dynamicPartitioning() && bufferingHints != null && bufferingHints.sizeInMBs() != null && bufferingHints.sizeInMBs() < 64) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.");
        }
        if (converting && bufferingHints != null && bufferingHints.sizeInMBs() != null && bufferingHints.sizeInMBs() < 64) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "BufferingHints.SizeInMBs must be at least 64 when data format conversion is enabled.");
        }
        processing().checkConsistent(dynamicPartitioning());
        io.sluice.firehose.conversion.DataFormatConversion.checkConsistent(dataFormatConversionConfiguration);
        if ("Enabled".equals(s3BackupMode)) {
            if (s3BackupConfiguration == null || s3BackupConfiguration.isNull()) {
                throw ErrorCode.INVALID_ARGUMENT.exception("S3BackupConfiguration is required when S3BackupMode is Enabled.");
            }
            S3Destination backup = backup();
            backup.check(Violations.check(), "s3BackupConfiguration").raise();
            if (BucketArn.parse(backup.bucketArn).isEmpty()) {
                throw ErrorCode.INVALID_ARGUMENT.exception("BucketARN %s does not name a valid S3 bucket.", backup.bucketArn);
            }
            ObjectKeys.check("Prefix", backup.prefix, false);
        }
        ObjectKeys.check("Prefix", prefix, dynamicPartitioning());
        ObjectKeys.check("ErrorOutputPrefix", errorOutputPrefix, dynamicPartitioning());
        try {
            ObjectKeys.zone(customTimeZone);
        } catch (java.time.DateTimeException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("CustomTimeZone %s is not a supported time zone.", customTimeZone);
        }
    }

    /**
     * Where error output goes: ErrorOutputPrefix, or by default the Prefix followed by the error
     * output type (both get the hourly time prefix when they name no timestamp).
     */
    public String errorPrefix() {
        if (errorOutputPrefix != null && !errorOutputPrefix.isEmpty()) {
            return errorOutputPrefix;
        }
        String base = prefix == null ? "" : prefix.replaceAll("!\\{[^}]*}", "");
        return base + "!{firehose:error-output-type}/";
    }

    /** The processors of the destination. */
    public io.sluice.firehose.processing.ProcessingConfiguration processing() {
        return io.sluice.firehose.processing.ProcessingConfiguration.of(processingConfiguration);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Where source records are backed up when S3BackupMode is Enabled, null otherwise. */
    public S3Destination backup() {
        if (!"Enabled".equals(s3BackupMode) || s3BackupConfiguration == null || s3BackupConfiguration.isNull()) {
            return null;
        }
        try {
            return JSON.treeToValue(s3BackupConfiguration, S3Destination.class).withDefaults(false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("S3BackupConfiguration is not a valid S3 destination: %s", e.getMessage());
        }
    }

    /** Whether DataFormatConversionConfiguration is there and enabled. */
    public boolean converting() {
        return dataFormatConversionConfiguration != null && dataFormatConversionConfiguration.path("Enabled").asBoolean(true);
    }

    /** Whether DynamicPartitioningConfiguration is enabled. */
    public boolean dynamicPartitioning() {
        return dynamicPartitioningConfiguration != null && dynamicPartitioningConfiguration.path("Enabled").asBoolean(false);
    }

    /** The S3-level compression. */
    public Compression compression() {
        return Compression.of(compressionFormat);
    }

    /** What ends object names: the FileExtension given, or the compression's. */
    public String extension() {
        return fileExtension != null && !fileExtension.isEmpty() ? fileExtension : compression().extension();
    }

    /** Buffered bytes that make an object. */
    public long bufferBytes() {
        BufferingHints hints = bufferingHints == null ? BufferingHints.DEFAULT : bufferingHints.withDefaults();
        return hints.sizeInMBs() * 1024L * 1024L;
    }

    /** How long records wait in a buffer at most. */
    public java.time.Duration bufferInterval() {
        BufferingHints hints = bufferingHints == null ? BufferingHints.DEFAULT : bufferingHints.withDefaults();
        return java.time.Duration.ofSeconds(hints.intervalInSeconds());
    }

    /**
     * This destination with the members an UpdateDestination gives replaced (buffering hints member
     * by member), the others kept.
     */
    public S3Destination updatedWith(S3Destination update) {
        BufferingHints hints = bufferingHints;
        if (update.bufferingHints() != null) {
            BufferingHints base = bufferingHints == null ? BufferingHints.DEFAULT : bufferingHints;
            hints = new BufferingHints(
                    update.bufferingHints().sizeInMBs() == null ? base.sizeInMBs() : update.bufferingHints().sizeInMBs(),
                    update.bufferingHints().intervalInSeconds() == null ? base.intervalInSeconds() : update.bufferingHints().intervalInSeconds());
        }
        return new S3Destination(or(update.roleArn, roleArn), or(update.bucketArn, bucketArn), or(update.prefix, prefix),
                or(update.errorOutputPrefix, errorOutputPrefix), hints, or(update.compressionFormat, compressionFormat),
                or(update.encryptionConfiguration, encryptionConfiguration), or(update.cloudWatchLoggingOptions, cloudWatchLoggingOptions),
                or(update.processingConfiguration, processingConfiguration), or(update.s3BackupMode, s3BackupMode),
                or(update.s3BackupConfiguration, s3BackupConfiguration),
                or(update.dataFormatConversionConfiguration, dataFormatConversionConfiguration),
                or(update.dynamicPartitioningConfiguration, dynamicPartitioningConfiguration),
                or(update.fileExtension, fileExtension), or(update.customTimeZone, customTimeZone));
    }

    private static <T> T or(T given, T kept) {
        return given != null ? given : kept;
    }

    /** The bucket the destination writes to. */
    public String bucket() {
        return BucketArn.parse(bucketArn).orElseThrow().bucket();
    }

    /**
     * The destination as DescribeDeliveryStream reports it: the defaults AWS fills in (5 MiB / 300 s
     * buffering, UNCOMPRESSED, no encryption, logging off; backup Disabled for an extended destination).
     */
    public S3Destination withDefaults(boolean extended) {
        ObjectNode noEncryption = JsonNodeFactory.instance.objectNode().put("NoEncryptionConfig", "NoEncryption");
        ObjectNode loggingOff = JsonNodeFactory.instance.objectNode().put("Enabled", false);
        return new S3Destination(roleArn, bucketArn, prefix == null ? "" : prefix, errorOutputPrefix,
                (dynamicPartitioning() || converting()) && (bufferingHints == null || bufferingHints.sizeInMBs() == null)
                        ? new BufferingHints(converting() ? 128 : 64, bufferingHints == null || bufferingHints.intervalInSeconds() == null
                                ? 300 : bufferingHints.intervalInSeconds())
                        : bufferingHints == null ? BufferingHints.DEFAULT : bufferingHints.withDefaults(),
                compressionFormat == null ? "UNCOMPRESSED" : compressionFormat,
                encryptionConfiguration == null ? noEncryption : encryptionConfiguration,
                cloudWatchLoggingOptions == null ? loggingOff : cloudWatchLoggingOptions,
                processingConfiguration, extended && s3BackupMode == null ? "Disabled" : s3BackupMode,
                s3BackupConfiguration, dataFormatConversionConfiguration, dynamicPartitioningConfiguration,
                fileExtension, customTimeZone);
    }
}
