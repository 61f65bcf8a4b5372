package io.sluice.analytics.application;

import io.sluice.analytics.application.Shapes.CloudWatchLoggingOption;
import io.sluice.analytics.application.Shapes.Input;
import io.sluice.analytics.application.Shapes.Output;
import io.sluice.analytics.application.Shapes.RecordColumn;
import io.sluice.analytics.application.Shapes.ReferenceDataSource;
import io.sluice.analytics.application.Shapes.ResourceRole;
import io.sluice.analytics.application.Shapes.SourceSchema;
import io.sluice.analytics.row.SqlType;
import io.sluice.common.account.Caller;
import io.sluice.common.arn.BucketArn;
import io.sluice.common.arn.DeliveryStreamArn;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an application's parts follow: first the model's constraints (ValidationException
 * with the member's path), then what Kinesis Analytics checks beyond them (InvalidArgumentException):
 * one source per input and one destination per output, the mapping parameters of the record
 * format, column names and SQL types, ARNs of the caller's own account and region.
 */
public final class ApplicationChecks {
    static final Pattern ARN = Pattern.compile("arn:.*");
    public static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    public static final Pattern ID = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final List<String> FORMATS = List.of("JSON", "CSV");
    static final int MAX_CODE = 102_400;
    /** One streaming source, one reference data source and three outputs an application (the KDA limits). */
    static final int MAX_INPUTS = 1;
    static final int MAX_OUTPUTS = 3;
    static final int MAX_REFERENCES = 1;
    private ApplicationChecks() {
    }

    static Violations resourceRole(Violations violations, String path, ResourceRole resource) {
        return resource == null ? violations
                : violations.notNull(path + ".resourceARN", resource.resourceArn()).length(path + ".resourceARN", resource.resourceArn(), 1, 2048)
                        .pattern(path + ".resourceARN", resource.resourceArn(), ARN)
                        .notNull(path + ".roleARN", resource.roleArn()).length(path + ".roleARN", resource.roleArn(), 1, 2048)
                        .pattern(path + ".roleARN", resource.roleArn(), ROLE_ARN);
    }

    static Violations schema(Violations violations, String path, SourceSchema schema) {
        violations.notNull(path, schema);
        if (schema == null) {
            return violations;
        }
        violations.notNull(path + ".recordFormat", schema.recordFormat())
                .pattern(path + ".recordEncoding", schema.recordEncoding(), Pattern.compile("UTF-8"))
                .notNull(path + ".recordColumns", schema.recordColumns()).size(path + ".recordColumns", schema.recordColumns(), 1, 1000);
        if (schema.recordFormat() != null) {
            violations.notNull(path + ".recordFormat.recordFormatType", schema.recordFormat().type())
                    .oneOf(path + ".recordFormat.recordFormatType", schema.recordFormat().type(), FORMATS);
        }
        if (schema.recordColumns() != null) {
            for (int i = 0; i < schema.recordColumns().size(); i++) {
                RecordColumn column = schema.recordColumns().get(i);
                String member = path + ".recordColumns." + (i + 1) + ".member";
                violations.notNull(member + ".name", column.name()).notNull(member + ".sqlType", column.sqlType())
                        .length(member + ".sqlType", column.sqlType(), 1, Integer.MAX_VALUE);
            }
        }
        return violations;
    }

    static Violations input(Violations violations, String path, Input input) {
        violations.notNull(path, input);
        if (input == null) {
            return violations;
        }
        violations.notNull(path + ".namePrefix", input.namePrefix()).length(path + ".namePrefix", input.namePrefix(), 1, 32)
                .range(path + ".inputParallelism.count", input.parallelism() == null ? null : input.parallelism().count(), 1, 64);
        resourceRole(violations, path + ".kinesisStreamsInput", input.kinesisStreams());
        resourceRole(violations, path + ".kinesisFirehoseInput", input.kinesisFirehose());
        if (input.processing() != null) {
            violations.notNull(path + ".inputProcessingConfiguration.inputLambdaProcessor", input.processing().lambda());
            resourceRole(violations, path + ".inputProcessingConfiguration.inputLambdaProcessor", input.processing().lambda());
        }
        return schema(violations, path + ".inputSchema", input.schema());
    }

    static Violations output(Violations violations, String path, Output output) {
        violations.notNull(path, output);
        if (output == null) {
            return violations;
        }
        violations.notNull(path + ".name", output.name()).length(path + ".name", output.name(), 1, 32)
                .notNull(path + ".destinationSchema", output.destinationSchema());
        if (output.destinationSchema() != null) {
            violations.notNull(path + ".destinationSchema.recordFormatType", output.destinationSchema().recordFormatType())
                    .oneOf(path + ".destinationSchema.recordFormatType", output.destinationSchema().recordFormatType(), FORMATS);
        }
        resourceRole(violations, path + ".kinesisStreamsOutput", output.kinesisStreams());
        resourceRole(violations, path + ".kinesisFirehoseOutput", output.kinesisFirehose());
        return resourceRole(violations, path + ".lambdaOutput", output.lambda());
    }

    static Violations reference(Violations violations, String path, ReferenceDataSource reference) {
        violations.notNull(path, reference);
        if (reference == null) {
            return violations;
        }
        violations.notNull(path + ".tableName", reference.tableName()).length(path + ".tableName", reference.tableName(), 1, 32);
        if (reference.s3() != null) {
            violations.notNull(path + ".s3ReferenceDataSource.bucketARN", reference.s3().bucketArn())
                    .length(path + ".s3ReferenceDataSource.bucketARN", reference.s3().bucketArn(), 1, 2048)
                    .pattern(path + ".s3ReferenceDataSource.bucketARN", reference.s3().bucketArn(), ARN)
                    .notNull(path + ".s3ReferenceDataSource.fileKey", reference.s3().fileKey())
                    .length(path + ".s3ReferenceDataSource.fileKey", reference.s3().fileKey(), 1, 1024)
                    .notNull(path + ".s3ReferenceDataSource.referenceRoleARN", reference.s3().referenceRoleArn())
                    .pattern(path + ".s3ReferenceDataSource.referenceRoleARN", reference.s3().referenceRoleArn(), ROLE_ARN);
        }
        return schema(violations, path + ".referenceSchema", reference.schema());
    }

    static Violations logging(Violations violations, String path, CloudWatchLoggingOption option) {
        violations.notNull(path, option);
        return option == null ? violations
                : violations.notNull(path + ".logStreamARN", option.logStreamArn()).length(path + ".logStreamARN", option.logStreamArn(), 1, 2048)
                        .pattern(path + ".logStreamARN", option.logStreamArn(), ARN)
                        .notNull(path + ".roleARN", option.roleArn()).pattern(path + ".roleARN", option.roleArn(), ROLE_ARN);
    }

    /** What Kinesis Analytics checks of an input beyond the model: one source of the caller's, a usable schema. */
    static void semantics(Caller caller, Input input) {
        if ((input.kinesisStreams() == null) == (input.kinesisFirehose() == null)) {
            throw invalid("An input must have exactly one source: KinesisStreamsInput or KinesisFirehoseInput.");
        }
        if (input.kinesisStreams() != null) {
            stream(caller, input.kinesisStreams().resourceArn());
        } else {
            deliveryStream(caller, input.kinesisFirehose().resourceArn());
        }
        semantics("InputSchema", input.schema());
    }

    /** What Kinesis Analytics checks of an output beyond the model: one destination of the caller's. */
    static void semantics(Caller caller, Output output) {
        int destinations = (output.kinesisStreams() != null ? 1 : 0) + (output.kinesisFirehose() != null ? 1 : 0) + (output.lambda() != null ? 1 : 0);
        if (destinations != 1) {
            throw invalid("An output must have exactly one destination: KinesisStreamsOutput, KinesisFirehoseOutput or LambdaOutput.");
        }
        if (output.lambda() != null) {
            throw invalid("LambdaOutput is not supported by Sluice; write to a Kinesis stream or a Firehose delivery stream.");
        }
        if (output.kinesisStreams() != null) {
            stream(caller, output.kinesisStreams().resourceArn());
        } else {
            deliveryStream(caller, output.kinesisFirehose().resourceArn());
        }
    }

    /** A reference data source needs its S3 object and a usable schema. */
    static void semantics(Caller caller, ReferenceDataSource reference) {
        if (reference.s3() == null) {
            throw invalid("A reference data source must have an S3ReferenceDataSource.");
        }
        if (BucketArn.parse(reference.s3().bucketArn()).isEmpty()) {
            throw invalid("BucketARN " + reference.s3().bucketArn() + " is not an S3 bucket ARN.");
        }
        semantics("ReferenceSchema", reference.schema());
    }

    /** A schema's mapping parameters match its format; its columns have distinct names and SQL types. */
    static void semantics(String member, SourceSchema schema) {
        String format = schema.recordFormat().type();
        boolean json = "JSON".equals(format);
        var mapping = schema.recordFormat().mapping();
        if (mapping == null || (json ? mapping.json() == null || mapping.json().recordRowPath() == null
                : mapping.csv() == null || mapping.csv().recordRowDelimiter() == null || mapping.csv().recordColumnDelimiter() == null)) {
            throw invalid(member + " of RecordFormatType " + format + " needs " + (json ? "JSONMappingParameters with a RecordRowPath."
                    : "CSVMappingParameters with a RecordRowDelimiter and a RecordColumnDelimiter."));
        }
        Set<String> names = new HashSet<>();
        for (RecordColumn column : schema.recordColumns()) {
            if (column.name().isBlank() || !names.add(column.name().toUpperCase(Locale.ROOT))) {
                throw invalid(member + " has " + (column.name().isBlank() ? "a column without a name." : "two columns named " + column.name() + "."));
            }
            if (!sqlType(column.sqlType())) {
                throw invalid(member + " column " + column.name() + " has SqlType " + column.sqlType()
                        + ", which is not a SQL data type of Kinesis Analytics.");
            }
            if (json && column.mapping() != null && !column.mapping().startsWith("$")) {
                throw invalid(member + " column " + column.name() + " has Mapping " + column.mapping() + ", which is not a JSONPath ($…).");
            }
        }
    }

    /** Whether a column's SqlType is a data type of the SQL Reference, with its length or precision where it takes one. */
    private static boolean sqlType(String declared) {
        try {
            SqlType type = SqlType.parse(declared);
            boolean sized = type.kind() == SqlType.Kind.CHAR || type.kind() == SqlType.Kind.VARCHAR
                    || type.kind() == SqlType.Kind.BINARY || type.kind() == SqlType.Kind.VARBINARY;
            return !sized || type.length() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void stream(Caller caller, String arn) {
        StreamArn stream = StreamArn.parse(arn).orElseThrow(() -> invalid(arn + " is not a Kinesis stream ARN."));
        if (!stream.accountId().equals(caller.accountId()) || !stream.region().equals(caller.region())) {
            throw invalid("Kinesis stream " + arn + " is not in the application's account and region.");
        }
    }

    private static void deliveryStream(Caller caller, String arn) {
        DeliveryStreamArn stream = DeliveryStreamArn.parse(arn).orElseThrow(() -> invalid(arn + " is not a Firehose delivery stream ARN."));
        if (!stream.accountId().equals(caller.accountId()) || !stream.region().equals(caller.region())) {
            throw invalid("Delivery stream " + arn + " is not in the application's account and region.");
        }
    }

    static AwsException invalid(String message) {
        return new AwsException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
