package io.sluice.analytics.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.analytics.application.Shapes.InputProcessingConfiguration;
import io.sluice.analytics.application.Shapes.InputStartingPositionConfiguration;
import io.sluice.analytics.application.Shapes.SourceSchema;
import io.sluice.common.account.Caller;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.endpoint.CallerScope;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DiscoverInputSchema on a Kinesis stream of the platform: up to {@value #SAMPLE} records read
 * from its Kafka partitions (from the oldest kept with TRIM_HORIZON, as they arrive with NOW), and
 * the schema Kinesis Analytics would infer from them, with the records raw and as parsed.
 */
@org.springframework.stereotype.Service
public class SchemaDiscovery {
    /** Records a discovery samples. */
    static final int SAMPLE = 100;

    public record DiscoverInputSchemaRequest(@JsonProperty("ResourceARN") String resourceArn, @JsonProperty("RoleARN") String roleArn,
            @JsonProperty("InputStartingPositionConfiguration") InputStartingPositionConfiguration startingPosition,
            @JsonProperty("S3Configuration") Object s3Configuration,
            @JsonProperty("InputProcessingConfiguration") InputProcessingConfiguration inputProcessingConfiguration) {
    }

    public record DiscoverInputSchemaResponse(@JsonProperty("InputSchema") SourceSchema inputSchema,
            @JsonProperty("ParsedInputRecords") List<List<String>> parsedInputRecords,
            @JsonProperty("ProcessedInputRecords") List<String> processedInputRecords,
            @JsonProperty("RawInputRecords") List<String> rawInputRecords) {
    }

    private final StreamDirectory streams;
    private final StreamSampler sampler;
    private final CallerScope callers;

    /** A sample from NOW waits this long for its first record. */
    private static final java.time.Duration WAIT_FOR_NEW = java.time.Duration.ofSeconds(10);

    @org.springframework.beans.factory.annotation.Autowired
    SchemaDiscovery(StreamDirectory streams, CallerScope callers, io.sluice.analytics.config.AnalyticsProperties properties) {
        this(streams, new KafkaStreamSampler(properties.kafka().bootstrapServers(), WAIT_FOR_NEW), callers);
    }

    SchemaDiscovery(StreamDirectory streams, StreamSampler sampler, CallerScope callers) {
        this.streams = streams;
        this.sampler = sampler;
        this.callers = callers;
    }

    /**
     * @throws AwsException ValidationException, InvalidArgumentException (no Kinesis stream of the
     *     caller's, a starting position discovery does not take), UnableToDetectSchemaException (no
     *     records, or records that are not text)
     */
    public DiscoverInputSchemaResponse discover(DiscoverInputSchemaRequest request) {
        Violations.check().length("resourceARN", request.resourceArn(), 1, 2048).length("roleARN", request.roleArn(), 1, 2048)
                .pattern("roleARN", request.roleArn(), io.sluice.analytics.application.ApplicationChecks.ROLE_ARN).raise();
        if (request.s3Configuration() != null) {
            throw invalid("Discovery on an S3 object (S3Configuration) is not supported by Sluice yet; sample a Kinesis stream.");
        }
        if (request.inputProcessingConfiguration() != null) {
            throw invalid("Discovery through an InputProcessingConfiguration is not supported by Sluice yet.");
        }
        if (request.resourceArn() == null || request.roleArn() == null || request.startingPosition() == null) {
            throw invalid("Discovery on a streaming source needs ResourceARN, RoleARN and InputStartingPositionConfiguration.");
        }
        String position = request.startingPosition().position() == null ? "NOW" : request.startingPosition().position();
        if (!List.of("NOW", "TRIM_HORIZON").contains(position)) {
            throw invalid("InputStartingPosition " + position + " is not one discovery samples from: use NOW or TRIM_HORIZON.");
        }
        Caller caller = callers.current();
        StreamArn arn = StreamArn.parse(request.resourceArn())
                .filter(a -> a.accountId().equals(caller.accountId()) && a.region().equals(caller.region()))
                .orElseThrow(() -> invalid(request.resourceArn() + " is not a Kinesis stream of the caller's account and region."));
        StreamLocation stream = io.sluice.analytics.application.StreamLookup.locate(streams, caller, request.resourceArn(),
                missing -> invalid("Kinesis stream " + request.resourceArn() + " does not exist."));
        List<byte[]> records = sampler.sample(stream, "TRIM_HORIZON".equals(position), SAMPLE);
        SchemaInference.Result result = SchemaInference.infer(records).orElseThrow(() -> new AwsException(ErrorCode.UNABLE_TO_DETECT_SCHEMA,
                records.isEmpty() ? "No records were found in " + request.resourceArn() + " from " + position + " to detect a schema from."
                        : "The records of " + request.resourceArn() + " are not UTF-8 text; no schema could be detected."));
        List<String> raw = records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
        return new DiscoverInputSchemaResponse(result.schema(), result.parsed(), raw, raw);
    }

    private static AwsException invalid(String message) {
        return new AwsException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
