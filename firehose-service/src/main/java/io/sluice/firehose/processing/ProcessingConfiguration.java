package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A destination's {@code ProcessingConfiguration}: whether it is enabled and its processors, each
 * a type and its parameters, checked as Firehose checks them.
 */
public record ProcessingConfiguration(boolean enabled, List<Processor> processors) {
    static final List<String> TYPES = List.of("RecordDeAggregation", "Decompression", "CloudWatchLogProcessing", "Lambda",
            "MetadataExtraction", "AppendDelimiterToRecord");
    static final List<String> PARAMETERS = List.of("LambdaArn", "NumberOfRetries", "MetadataExtractionQuery", "JsonParsingEngine",
            "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds", "SubRecordType", "Delimiter", "CompressionFormat",
            "DataMessageExtraction");
    /** The parameters each processor type takes. */
    private static final Map<String, Set<String>> ACCEPTED = Map.of(
            "Lambda", Set.of("LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds"),
            "MetadataExtraction", Set.of("MetadataExtractionQuery", "JsonParsingEngine"),
            "AppendDelimiterToRecord", Set.of("Delimiter"),
            "RecordDeAggregation", Set.of("SubRecordType", "Delimiter"),
            "Decompression", Set.of("CompressionFormat"),
            "CloudWatchLogProcessing", Set.of("DataMessageExtraction"));
    private static final Pattern LAMBDA_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9$_-]+)?");
    private static final Pattern PARAMETER_VALUE = Pattern.compile("^(?!\\s*$).+", Pattern.DOTALL);

    /** A processor: its type and parameters by name. */
    public record Processor(String type, Map<String, String> parameters) {
        public String parameter(String name, String fallback) {
            return parameters.getOrDefault(name, fallback);
        }
    }

    /** The configuration as given (null or absent: none, disabled). */
    public static ProcessingConfiguration of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new ProcessingConfiguration(false, List.of());
        }
        List<Processor> processors = new ArrayList<>();
        for (JsonNode p : node.path("Processors")) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (JsonNode parameter : p.path("Parameters")) {
                parameters.put(parameter.path("ParameterName").asText(null), parameter.path("ParameterValue").asText(null));
            }
            processors.add(new Processor(p.path("Type").asText(null), parameters));
        }
        return new ProcessingConfiguration(node.path("Enabled").asBoolean(false), processors);
    }

    /** Adds the model's constraints (types, parameter names and values) under {@code path}. */
    public Violations check(Violations violations, String path) {
        for (int i = 0; i < processors.size(); i++) {
            Processor p = processors.get(i);
            String at = path + ".processors." + (i + 1) + ".member";
            violations.notNull(at + ".type", p.type()).oneOf(at + ".type", p.type(), TYPES);
            int j = 0;
            for (Map.Entry<String, String> parameter : p.parameters().entrySet()) {
                String pat = at + ".parameters." + (++j) + ".member";
                violations.notNull(pat + ".parameterName", parameter.getKey())
                        .oneOf(pat + ".parameterName", parameter.getKey(), PARAMETERS)
                        .notNull(pat + ".parameterValue", parameter.getValue())
                        .length(pat + ".parameterValue", parameter.getValue(), 1, 5120)
                        .pattern(pat + ".parameterValue", parameter.getValue(), PARAMETER_VALUE);
            }
        }
        return violations;
    }

    /**
     * The rules across processors and parameters, answered with InvalidArgumentException.
     *
     * @param dynamicPartitioning whether the destination partitions dynamically (MetadataExtraction needs it)
     */
    public void checkConsistent(boolean dynamicPartitioning) {
        if (!enabled) {
            return;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Processor p : processors) {
            if (!seen.add(p.type())) {
                throw invalid("Processor type %s appears more than once.", p.type());
            }
            for (String name : p.parameters().keySet()) {
                if (!ACCEPTED.get(p.type()).contains(name)) {
                    throw invalid("Parameter %s is not supported for processor type %s.", name, p.type());
                }
            }
            switch (p.type()) {
                case "Lambda" -> {
                    String arn = p.parameters().get("LambdaArn");
                    if (arn == null || !LAMBDA_ARN.matcher(arn).matches()) {
                        throw invalid("Lambda processor requires a valid LambdaArn parameter, not %s.", arn);
                    }
                    integer(p, "NumberOfRetries", 0, 5);
                    integer(p, "BufferIntervalInSeconds", 60, 900);
                    decimal(p, "BufferSizeInMBs", 0.2, 3);
                }
                case "MetadataExtraction" -> {
                    if (!dynamicPartitioning) {
                        throw invalid("MetadataExtraction processor requires dynamic partitioning to be enabled.");
                    }
                    if (!"JQ-1.6".equals(p.parameters().get("JsonParsingEngine"))) {
                        throw invalid("MetadataExtraction processor requires JsonParsingEngine JQ-1.6.");
                    }
                    PartitionKeyQuery.compile(p.parameters().get("MetadataExtractionQuery"));
                }
                case "RecordDeAggregation" -> oneOf(p, "SubRecordType", List.of("JSON", "KPL", "DELIMITED"));
                case "Decompression" -> oneOf(p, "CompressionFormat", List.of("GZIP"));
                case "CloudWatchLogProcessing" -> oneOf(p, "DataMessageExtraction", List.of("true", "false"));
                default -> {
                }
            }
        }
    }

    /** Whether records are processed at all. */
    public boolean active() {
        return enabled && !processors.isEmpty();
    }

    public java.util.Optional<Processor> processor(String type) {
        return enabled ? processors.stream().filter(p -> p.type().equals(type)).findFirst() : java.util.Optional.empty();
    }

    private static void integer(Processor p, String name, int min, int max) {
        String value = p.parameters().get(name);
        if (value == null) {
            return;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw invalid("%s must be between %d and %d, not %s.", name, min, max, value);
            }
        } catch (NumberFormatException e) {
            throw invalid("%s must be a whole number, not %s.", name, value);
        }
    }

    private static void decimal(Processor p, String name, double min, double max) {
        String value = p.parameters().get(name);
        if (value == null) {
            return;
        }
        try {
            double n = Double.parseDouble(value.trim());
            if (n < min || n > max) {
                throw invalid("%s must be between %s and %s, not %s.", name, min, max, value);
            }
        } catch (NumberFormatException e) {
            throw invalid("%s must be a number, not %s.", name, value);
        }
    }

    private static void oneOf(Processor p, String name, List<String> allowed) {
        String value = p.parameters().get(name);
        if (value != null && !allowed.contains(value)) {
            throw invalid("%s of processor %s must be one of %s, not %s.", name, p.type(), allowed, value);
        }
    }

    static RuntimeException invalid(String format, Object... args) {
        return ErrorCode.INVALID_ARGUMENT.exception(format, args);
    }
}
