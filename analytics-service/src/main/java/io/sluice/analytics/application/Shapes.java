package io.sluice.analytics.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Kinesis Analytics (SQL) API's shapes of inputs, outputs, reference data and logging options,
 * in the model's member names: the forms requests give them in, and the descriptions that the
 * store keeps and DescribeApplication returns.
 */
public final class Shapes {
    private Shapes() {
    }

    /** A resource and the role to reach it with (KinesisStreamsInput, KinesisFirehoseOutput, InputLambdaProcessor, …). */
    public record ResourceRole(@JsonProperty("ResourceARN") String resourceArn, @JsonProperty("RoleARN") String roleArn) {
    }

    /** The {@code …Update} form of a {@link ResourceRole}: what is given replaces. */
    public record ResourceRoleUpdate(@JsonProperty("ResourceARNUpdate") String resourceArn, @JsonProperty("RoleARNUpdate") String roleArn) {

        ResourceRole applyTo(ResourceRole current) {
            return new ResourceRole(resourceArn != null ? resourceArn : current == null ? null : current.resourceArn(),
                    roleArn != null ? roleArn : current == null ? null : current.roleArn());
        }
    }

    public record InputProcessingConfiguration(@JsonProperty("InputLambdaProcessor") ResourceRole lambda) {
    }

    public record InputProcessingConfigurationDescription(@JsonProperty("InputLambdaProcessorDescription") ResourceRole lambda) {
    }

    public record InputProcessingConfigurationUpdate(@JsonProperty("InputLambdaProcessorUpdate") ResourceRoleUpdate lambda) {
    }

    public record JsonMappingParameters(@JsonProperty("RecordRowPath") String recordRowPath) {
    }

    public record CsvMappingParameters(@JsonProperty("RecordRowDelimiter") String recordRowDelimiter,
            @JsonProperty("RecordColumnDelimiter") String recordColumnDelimiter) {
    }

    public record MappingParameters(@JsonProperty("JSONMappingParameters") JsonMappingParameters json,
            @JsonProperty("CSVMappingParameters") CsvMappingParameters csv) {
    }

    /** @param type JSON or CSV */
    public record RecordFormat(@JsonProperty("RecordFormatType") String type, @JsonProperty("MappingParameters") MappingParameters mapping) {
    }

    /** @param mapping a JSONPath such as {@code $.ticker} for JSON records (CSV columns map by position) */
    public record RecordColumn(@JsonProperty("Name") String name, @JsonProperty("Mapping") String mapping,
            @JsonProperty("SqlType") String sqlType) {
    }

    public record SourceSchema(@JsonProperty("RecordFormat") RecordFormat recordFormat, @JsonProperty("RecordEncoding") String recordEncoding,
            @JsonProperty("RecordColumns") List<RecordColumn> recordColumns) {
    }

    public record InputSchemaUpdate(@JsonProperty("RecordFormatUpdate") RecordFormat recordFormat,
            @JsonProperty("RecordEncodingUpdate") String recordEncoding, @JsonProperty("RecordColumnUpdates") List<RecordColumn> recordColumns) {

        SourceSchema applyTo(SourceSchema current) {
            return new SourceSchema(recordFormat != null ? recordFormat : current.recordFormat(),
                    recordEncoding != null ? recordEncoding : current.recordEncoding(),
                    recordColumns != null ? recordColumns : current.recordColumns());
        }
    }

    public record InputParallelism(@JsonProperty("Count") Integer count) {
    }

    /** @param position NOW, TRIM_HORIZON or LAST_STOPPED_POINT; null before the application first starts */
    public record InputStartingPositionConfiguration(@JsonProperty("InputStartingPosition") String position) {
    }

    public record Input(@JsonProperty("NamePrefix") String namePrefix,
            @JsonProperty("InputProcessingConfiguration") InputProcessingConfiguration processing,
            @JsonProperty("KinesisStreamsInput") ResourceRole kinesisStreams,
            @JsonProperty("KinesisFirehoseInput") ResourceRole kinesisFirehose,
            @JsonProperty("InputParallelism") InputParallelism parallelism,
            @JsonProperty("InputSchema") SourceSchema schema) {
    }

    /** @param inAppStreamNames {@code <NamePrefix>_001} … one per parallel in-application stream */
    public record InputDescription(@JsonProperty("InputId") String inputId, @JsonProperty("NamePrefix") String namePrefix,
            @JsonProperty("InAppStreamNames") List<String> inAppStreamNames,
            @JsonProperty("InputProcessingConfigurationDescription") InputProcessingConfigurationDescription processing,
            @JsonProperty("KinesisStreamsInputDescription") ResourceRole kinesisStreams,
            @JsonProperty("KinesisFirehoseInputDescription") ResourceRole kinesisFirehose,
            @JsonProperty("InputSchema") SourceSchema schema,
            @JsonProperty("InputParallelism") InputParallelism parallelism,
            @JsonProperty("InputStartingPositionConfiguration") InputStartingPositionConfiguration startingPosition) {
    }

    public record InputUpdate(@JsonProperty("InputId") String inputId, @JsonProperty("NamePrefixUpdate") String namePrefix,
            @JsonProperty("InputProcessingConfigurationUpdate") InputProcessingConfigurationUpdate processing,
            @JsonProperty("KinesisStreamsInputUpdate") ResourceRoleUpdate kinesisStreams,
            @JsonProperty("KinesisFirehoseInputUpdate") ResourceRoleUpdate kinesisFirehose,
            @JsonProperty("InputSchemaUpdate") InputSchemaUpdate schema,
            @JsonProperty("InputParallelismUpdate") InputParallelismUpdate parallelism) {
    }

    public record InputParallelismUpdate(@JsonProperty("CountUpdate") Integer count) {
    }

    /** @param recordFormatType JSON or CSV */
    public record DestinationSchema(@JsonProperty("RecordFormatType") String recordFormatType) {
    }

    public record Output(@JsonProperty("Name") String name, @JsonProperty("KinesisStreamsOutput") ResourceRole kinesisStreams,
            @JsonProperty("KinesisFirehoseOutput") ResourceRole kinesisFirehose, @JsonProperty("LambdaOutput") ResourceRole lambda,
            @JsonProperty("DestinationSchema") DestinationSchema destinationSchema) {
    }

    public record OutputDescription(@JsonProperty("OutputId") String outputId, @JsonProperty("Name") String name,
            @JsonProperty("KinesisStreamsOutputDescription") ResourceRole kinesisStreams,
            @JsonProperty("KinesisFirehoseOutputDescription") ResourceRole kinesisFirehose,
            @JsonProperty("LambdaOutputDescription") ResourceRole lambda,
            @JsonProperty("DestinationSchema") DestinationSchema destinationSchema) {
    }

    public record OutputUpdate(@JsonProperty("OutputId") String outputId, @JsonProperty("NameUpdate") String name,
            @JsonProperty("KinesisStreamsOutputUpdate") ResourceRoleUpdate kinesisStreams,
            @JsonProperty("KinesisFirehoseOutputUpdate") ResourceRoleUpdate kinesisFirehose,
            @JsonProperty("LambdaOutputUpdate") ResourceRoleUpdate lambda,
            @JsonProperty("DestinationSchemaUpdate") DestinationSchema destinationSchema) {
    }

    public record S3ReferenceDataSource(@JsonProperty("BucketARN") String bucketArn, @JsonProperty("FileKey") String fileKey,
            @JsonProperty("ReferenceRoleARN") String referenceRoleArn) {
    }

    public record S3ReferenceDataSourceUpdate(@JsonProperty("BucketARNUpdate") String bucketArn,
            @JsonProperty("FileKeyUpdate") String fileKey, @JsonProperty("ReferenceRoleARNUpdate") String referenceRoleArn) {

        S3ReferenceDataSource applyTo(S3ReferenceDataSource current) {
            return new S3ReferenceDataSource(bucketArn != null ? bucketArn : current.bucketArn(), fileKey != null ? fileKey : current.fileKey(),
                    referenceRoleArn != null ? referenceRoleArn : current.referenceRoleArn());
        }
    }

    public record ReferenceDataSource(@JsonProperty("TableName") String tableName,
            @JsonProperty("S3ReferenceDataSource") S3ReferenceDataSource s3, @JsonProperty("ReferenceSchema") SourceSchema schema) {
    }

    public record ReferenceDataSourceDescription(@JsonProperty("ReferenceId") String referenceId, @JsonProperty("TableName") String tableName,
            @JsonProperty("S3ReferenceDataSourceDescription") S3ReferenceDataSource s3,
            @JsonProperty("ReferenceSchema") SourceSchema schema) {
    }

    public record ReferenceDataSourceUpdate(@JsonProperty("ReferenceId") String referenceId,
            @JsonProperty("TableNameUpdate") String tableName,
            @JsonProperty("S3ReferenceDataSourceUpdate") S3ReferenceDataSourceUpdate s3,
            @JsonProperty("ReferenceSchemaUpdate") SourceSchema schema) {
    }

    public record CloudWatchLoggingOption(@JsonProperty("LogStreamARN") String logStreamArn, @JsonProperty("RoleARN") String roleArn) {
    }

    public record CloudWatchLoggingOptionDescription(@JsonProperty("CloudWatchLoggingOptionId") String id,
            @JsonProperty("LogStreamARN") String logStreamArn, @JsonProperty("RoleARN") String roleArn) {
    }

    public record CloudWatchLoggingOptionUpdate(@JsonProperty("CloudWatchLoggingOptionId") String id,
            @JsonProperty("LogStreamARNUpdate") String logStreamArn, @JsonProperty("RoleARNUpdate") String roleArn) {
    }

    public record Tag(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {
    }
}
