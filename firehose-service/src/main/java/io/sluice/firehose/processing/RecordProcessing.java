package io.sluice.firehose.processing;

import io.sluice.common.lambda.LambdaInvoker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a destination's processors make of the records of one poll, in Firehose's order:
 * de-aggregation, decompression and CloudWatch Logs extraction, the Lambda transform, metadata
 * extraction (partition keys), and the delimiter appended last. Each output keeps the offset of the
 * record it came from. A record that cannot be processed becomes an error output: a JSON line in
 * the form Firehose writes to {@code processing-failed} (or {@code partitioning-failed} when a
 * partition key the prefix needs is missing), holding the record's original data.
 */
public final class RecordProcessing {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String PROCESSING_FAILED = "processing-failed";
    public static final String PARTITIONING_FAILED = "partitioning-failed";

    /** A record as read from the delivery stream's topic. */
    public record Input(long offset, long arrivalMillis, byte[] data) {
    }

    /**
     * What is delivered for an input: data with its partition keys, or (with {@code errorType}) an
     * error document for the error output.
     */
    public record Output(long offset, long arrivalMillis, byte[] data, Map<String, String> partitionKeys, String errorType) {
        public boolean failed() {
            return errorType != null;
        }
    }

    private final ProcessingConfiguration configuration;
    private final boolean dynamicPartitioning;
    private final List<String> requiredKeys;
    private final String deliveryStreamArn;
    private final String region;
    private final LambdaInvoker lambdas;
    private final Clock clock;
    private final PartitionKeyQuery query;
    private final byte[] delimiter;

    /**
     * @param requiredKeys the partition keys the prefix names (a record without one of them fails partitioning)
     */
    public RecordProcessing(ProcessingConfiguration configuration, boolean dynamicPartitioning, List<String> requiredKeys,
            String deliveryStreamArn, String region, LambdaInvoker lambdas, Clock clock) {
        this.configuration = configuration;
        this.dynamicPartitioning = dynamicPartitioning;
        this.requiredKeys = List.copyOf(requiredKeys);
        this.deliveryStreamArn = deliveryStreamArn;
        this.region = region;
        this.lambdas = lambdas;
        this.clock = clock;
        this.query = configuration.processor("MetadataExtraction")
                .map(p -> PartitionKeyQuery.compile(p.parameters().get("MetadataExtractionQuery"))).orElse(null);
        this.delimiter = configuration.processor("AppendDelimiterToRecord")
                .map(p -> unescape(p.parameter("Delimiter", "\\n")).getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** Whether records pass through unchanged (no processor, no partitioning): the pipeline then skips this class. */
    public boolean passThrough() {
        return !configuration.active() && !dynamicPartitioning;
    }

    /** The outputs of {@code inputs}, in input order. */
    public List<Output> process(List<Input> inputs) {
        List<Stage> records = new ArrayList<>(inputs.size());
        List<Output> failures = new ArrayList<>();
        for (Input input : inputs) {
            records.addAll(Unpacking.unpack(configuration, input, failures, this::failure));
        }
        Optional<ProcessingConfiguration.Processor> lambda = configuration.processor("Lambda");
        if (lambda.isPresent()) {
            records = transform(lambda.get(), records, failures);
        }
        List<Output> outputs = new ArrayList<>(records.size() + failures.size());
        for (Stage record : records) {
            Map<String, String> keys = new LinkedHashMap<>(record.keys());
            if (query != null) {
                Optional<Map<String, String>> extracted = query.keysOf(record.data());
                if (extracted.isEmpty()) {
                    outputs.add(failure(record.input(), PARTITIONING_FAILED, "DynamicPartitioning.MetadataExtractionFailed",
                            "The MetadataExtractionQuery yielded no object of partition keys for this record.", 1, null));
                    continue;
                }
                keys.putAll(extracted.get());
            }
            if (dynamicPartitioning) {
                Optional<String> missing = requiredKeys.stream().filter(k -> !keys.containsKey(k)).findFirst();
                if (missing.isPresent()) {
                    outputs.add(failure(record.input(), PARTITIONING_FAILED, "DynamicPartitioning.PartitionKeyMissing",
                            "The partition key " + missing.get() + " that the prefix names has no value for this record.", 1, null));
                    continue;
                }
            }
            byte[] data = record.data();
            if (delimiter != null) {
                byte[] delimited = java.util.Arrays.copyOf(data, data.length + delimiter.length);
                System.arraycopy(delimiter, 0, delimited, data.length, delimiter.length);
                data = delimited;
            }
            outputs.add(new Output(record.input().offset(), record.input().arrivalMillis(), data,
                    dynamicPartitioning ? keys : Map.of(), null));
        }
        outputs.addAll(failures);
        outputs.sort(java.util.Comparator.comparingLong(Output::offset));
        return outputs;
    }

    /** A record on its way through the processors: its input, its current data and the keys given so far. */
    record Stage(Input input, String recordId, byte[] data, Map<String, String> keys) {
    }

    /** The Lambda transform over {@code records}, in invocations of at most BufferSizeInMBs. */
    private List<Stage> transform(ProcessingConfiguration.Processor lambda, List<Stage> records, List<Output> failures) {
        String arn = lambda.parameters().get("LambdaArn");
        int retries = Integer.parseInt(lambda.parameter("NumberOfRetries", "3").trim());
        long maxBytes = (long) (Double.parseDouble(lambda.parameter("BufferSizeInMBs", "1").trim()) * 1024 * 1024);
        List<Stage> transformed = new ArrayList<>(records.size());
        int start = 0;
        while (start < records.size()) {
            int end = start;
            long bytes = 0;
            while (end < records.size() && (end == start || bytes + records.get(end).data().length <= maxBytes)) {
                bytes += records.get(end).data().length;
                end++;
            }
            invoke(arn, retries, records.subList(start, end), transformed, failures);
            start = end;
        }
        return transformed;
    }

    private void invoke(String arn, int retries, List<Stage> batch, List<Stage> transformed, List<Output> failures) {
        LambdaInvoker.InvocationException last = null;
        int attempts = 0;
        while (attempts <= retries) {
            attempts++;
            ObjectNode event = JSON.createObjectNode().put("invocationId", UUID.randomUUID().toString())
                    .put("deliveryStreamArn", deliveryStreamArn).put("region", region);
            var records = event.putArray("records");
            for (Stage record : batch) {
                records.addObject()
                        .put("recordId", record.recordId())
                        .put("approximateArrivalTimestamp", record.input().arrivalMillis())
                        .put("data", Base64.getEncoder().encodeToString(record.data()));
            }
            try {
                Map<String, JsonNode> results = results(lambdas.invoke(arn, event), batch);
                for (Stage record : batch) {
                    JsonNode result = results.get(record.recordId());
                    switch (result.path("result").asText()) {
                        case "Ok" -> {
                            Map<String, String> keys = new LinkedHashMap<>(record.keys());
                            result.path("metadata").path("partitionKeys").properties()
                                    .forEach(e -> keys.put(e.getKey(), e.getValue().asText()));
                            transformed.add(new Stage(record.input(), record.recordId(),
                                    Base64.getDecoder().decode(result.path("data").asText("")), keys));
                        }
                        case "Dropped" -> {
                        }
                        default -> failures.add(failure(record.input(), PROCESSING_FAILED, "Lambda.ProcessingFailedStatus",
                                "ProcessingFailed status set for record", attempts, arn));
                    }
                }
                return;
            } catch (LambdaInvoker.InvocationException e) {
                last = e;
                sleep(Math.min(100L * attempts, 1000));
            }
        }
        for (Stage record : batch) {
            failures.add(failure(record.input(), PROCESSING_FAILED, last.errorCode(), last.getMessage(), attempts, arn));
        }
    }

    private static Map<String, JsonNode> results(JsonNode answer, List<Stage> batch) throws LambdaInvoker.InvocationException {
        return LambdaInvoker.results(answer, batch.stream().map(Stage::recordId).toList());
    }

    /** The error document Firehose writes for a record that failed processing. */
    Output failure(Input input, String type, String errorCode, String message, int attempts, String lambdaArn) {
        ObjectNode doc = JSON.createObjectNode()
                .put("attemptsMade", attempts)
                .put("arrivalTimestamp", input.arrivalMillis())
                .put("errorCode", errorCode)
                .put("errorMessage", message)
                .put("attemptEndingTimestamp", clock.millis())
                .put("rawData", Base64.getEncoder().encodeToString(input.data()));
        if (lambdaArn != null) {
            doc.put("lambdaArn", lambdaArn);
        }
        byte[] line = (doc.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        return new Output(input.offset(), input.arrivalMillis(), line, Map.of(), type);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A delimiter as given (\n, \t, \r, \\ and \\uXXXX escapes). */
    static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    if (i + 4 < value.length()) {
                        out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
