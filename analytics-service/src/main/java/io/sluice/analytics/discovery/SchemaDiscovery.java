package io.sluice.analytics.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.analytics.application.Shapes.InputProcessingConfiguration;
import io.sluice.analytics.application.Shapes.InputStartingPositionConfiguration;
import io.sluice.analytics.application.Shapes.SourceSchema;
import io.sluice.common.account.Caller;
import io.sluice.common.arn.BucketArn;
import io.sluice.common.arn.DeliveryStreamArn;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.lambda.LambdaInvoker;
import io.sluice.kafka.directory.DeliveryStreamDirectory;
import io.sluice.storage.S3Buckets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.endpoint.CallerScope;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DiscoverInputSchema on a Kinesis stream or a DirectPut delivery stream of the platform — up to
 * {@value #SAMPLE} records read from its Kafka partitions (from the oldest kept with TRIM_HORIZON,
 * as they arrive with NOW) — or on the first lines of an S3 object; through the preprocessing
 * Lambda when one is given; and the schema Kinesis Analytics would infer, with the records raw,
 * processed and as parsed.
 */
@org.springframework.stereotype.Service
public class SchemaDiscovery {
    /** Records a discovery samples. */
    static final int SAMPLE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    public record DiscoverInputSchemaRequest(@JsonProperty("ResourceARN") String resourceArn, @JsonProperty("RoleARN") String roleArn,
            @JsonProperty("InputStartingPositionConfiguration") InputStartingPositionConfiguration startingPosition,
            @JsonProperty("S3Configuration") S3Configuration s3Configuration,
            @JsonProperty("InputProcessingConfiguration") InputProcessingConfiguration inputProcessingConfiguration) {
    }

    /** An S3 object to discover a schema from. */
    public record S3Configuration(@JsonProperty("RoleARN") String roleArn, @JsonProperty("BucketARN") String bucketArn,
            @JsonProperty("FileKey") String fileKey) {
    }

    public record DiscoverInputSchemaResponse(@JsonProperty("InputSchema") SourceSchema inputSchema,
            @JsonProperty("ParsedInputRecords") List<List<String>> parsedInputRecords,
            @JsonProperty("ProcessedInputRecords") List<String> processedInputRecords,
            @JsonProperty("RawInputRecords") List<String> rawInputRecords) {
    }

    private final StreamDirectory streams;
    private final DeliveryStreamDirectory deliveryStreams;
    private final StreamSampler sampler;
    private final CallerScope callers;
    private final S3Buckets buckets;
    private final LambdaInvoker lambdas;

    /** A sample from NOW waits this long for its first record. */
    private static final java.time.Duration WAIT_FOR_NEW = java.time.Duration.ofSeconds(10);
    /** The most of an S3 object discovery reads. */
    static final long MAX_OBJECT_BYTES = 64L << 20;

    @org.springframework.beans.factory.annotation.Autowired
    SchemaDiscovery(StreamDirectory streams, DeliveryStreamDirectory deliveryStreams, CallerScope callers,
            io.sluice.analytics.config.AnalyticsProperties properties) {
        this(streams, deliveryStreams, new KafkaStreamSampler(properties.kafka().bootstrapServers(), WAIT_FOR_NEW), callers,
                new S3Buckets(properties.s3(), properties.region()), properties.lambda().invoker());
    }

    SchemaDiscovery(StreamDirectory streams, DeliveryStreamDirectory deliveryStreams, StreamSampler sampler, CallerScope callers,
            S3Buckets buckets, LambdaInvoker lambdas) {
        this.streams = streams;
        this.deliveryStreams = deliveryStreams;
        this.sampler = sampler;
        this.callers = callers;
        this.buckets = buckets;
        this.lambdas = lambdas;
    }

    /**
     * Samples a Kinesis stream, a DirectPut delivery stream or an S3 object (its lines), runs the
     * sample through the preprocessing Lambda when one is given, and infers the schema from what
     * it answers.
     *
     * @throws AwsException ValidationException, InvalidArgumentException (no such source of the
     *     caller's, a starting position discovery does not take, a preprocessing function that
     *     fails), UnableToDetectSchemaException (no records, or records that are not text)
     */
    public DiscoverInputSchemaResponse discover(DiscoverInputSchemaRequest request) {
        Violations.check().length("resourceARN", request.resourceArn(), 1, 2048).length("roleARN", request.roleArn(), 1, 2048)
                .pattern("roleARN", request.roleArn(), io.sluice.analytics.application.ApplicationChecks.ROLE_ARN).raise();
        Caller caller = callers.current();
        String source;
        List<byte[]> records;
        if (request.s3Configuration() != null) {
            S3Configuration s3 = request.s3Configuration();
            Violations.check().notNull("s3Configuration.roleARN", s3.roleArn()).notNull("s3Configuration.bucketARN", s3.bucketArn())
                    .notNull("s3Configuration.fileKey", s3.fileKey())
                    .length("s3Configuration.roleARN", s3.roleArn(), 1, 2048).length("s3Configuration.bucketARN", s3.bucketArn(), 1, 2048)
                    .length("s3Configuration.fileKey", s3.fileKey(), 1, 1024).raise();
            String bucket = BucketArn.parse(s3.bucketArn()).map(BucketArn::bucket)
                    .orElseThrow(() -> invalid(s3.bucketArn() + " is not an S3 bucket ARN."));
            source = "s3://" + bucket + "/" + s3.fileKey();
            records = lines(bucket, s3.fileKey(), source);
        } else {
            if (request.resourceArn() == null || request.roleArn() == null || request.startingPosition() == null) {
                throw invalid("Discovery on a streaming source needs ResourceARN, RoleARN and InputStartingPositionConfiguration.");
            }
            String position = request.startingPosition().position() == null ? "NOW" : request.startingPosition().position();
            if (!List.of("NOW", "TRIM_HORIZON").contains(position)) {
                throw invalid("InputStartingPosition " + position + " is not one discovery samples from: use NOW or TRIM_HORIZON.");
            }
            StreamLocation stream = locate(caller, request.resourceArn());
            source = request.resourceArn() + " from " + position;
            records = sampler.sample(stream, "TRIM_HORIZON".equals(position), SAMPLE);
        }
        List<String> raw = records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
        List<byte[]> processed = request.inputProcessingConfiguration() == null || request.inputProcessingConfiguration().lambda() == null
                ? records : preprocess(request.inputProcessingConfiguration().lambda().resourceArn(), request.resourceArn(), records);
        SchemaInference.Result result = SchemaInference.infer(processed).orElseThrow(() -> new AwsException(ErrorCode.UNABLE_TO_DETECT_SCHEMA,
                processed.isEmpty() ? "No records were found in " + source + " to detect a schema from."
                        : "The records of " + source + " are not UTF-8 text; no schema could be detected."));
        return new DiscoverInputSchemaResponse(result.schema(), result.parsed(),
                processed.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList(), raw);
    }

    /** The Kinesis stream or the DirectPut delivery stream of an ARN, of the caller's. */
    private StreamLocation locate(Caller caller, String arn) {
        if (DeliveryStreamArn.parse(arn).isPresent()) {
            DeliveryStreamArn delivery = DeliveryStreamArn.parse(arn).get();
            if (!delivery.accountId().equals(caller.accountId()) || !delivery.region().equals(caller.region())) {
                throw invalid(arn + " is not a delivery stream of the caller's account and region.");
            }
            return io.sluice.analytics.application.StreamLookup.locate(deliveryStreams, caller, arn,
                    missing -> invalid("Firehose delivery stream " + arn + " does not exist or does not take direct puts."));
        }
        StreamArn.parse(arn).filter(a -> a.accountId().equals(caller.accountId()) && a.region().equals(caller.region()))
                .orElseThrow(() -> invalid(arn + " is not a Kinesis stream of the caller's account and region."));
        return io.sluice.analytics.application.StreamLookup.locate(streams, caller, arn, missing -> invalid("Kinesis stream " + arn + " does not exist."));
    }

    /** The first lines of an S3 object, each a record. */
    private List<byte[]> lines(String bucket, String key, String source) {
        byte[] object;
        try {
            object = buckets.read(bucket, key, MAX_OBJECT_BYTES).orElseThrow(() -> invalid("The S3 object " + source + " does not exist."));
        } catch (S3Buckets.TooLargeException e) {
            object = null;
        } catch (java.io.IOException e) {
            throw new AwsException(ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION, "The S3 object " + source + " could not be read.");
        }
        if (object == null) {
            throw invalid("The S3 object " + source + " is larger than " + (MAX_OBJECT_BYTES >> 20) + " MiB, more than discovery reads.");
        }
        List<byte[]> lines = new java.util.ArrayList<>();
        for (String line : new String(object, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isBlank() && lines.size() < SAMPLE) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /** The sample as the preprocessing function answers it (its Ok records), KDA's contract. */
    private List<byte[]> preprocess(String functionArn, String streamArn, List<byte[]> records) {
        ObjectNode event = JSON.createObjectNode().put("invocationId", UUID.randomUUID().toString()).put("streamArn", streamArn);
        ArrayNode entries = event.putArray("records");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ids.add(String.valueOf(i + 1));
            entries.addObject().put("recordId", ids.get(i)).put("data", Base64.getEncoder().encodeToString(records.get(i)));
        }
        try {
            Map<String, JsonNode> results = LambdaInvoker.results(lambdas.invoke(functionArn, event), ids);
            return ids.stream().map(results::get).filter(r -> r.path("result").asText().equals("Ok"))
                    .map(r -> Base64.getDecoder().decode(r.path("data").asText(""))).toList();
        } catch (LambdaInvoker.InvocationException e) {
            throw invalid("The preprocessing function " + functionArn + " failed: " + e.getMessage());
        }
    }

    private static AwsException invalid(String message) {
        return new AwsException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
