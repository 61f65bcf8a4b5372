package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * A MetadataExtractionQuery: a JQ 1.6 program (jackson-jq) that maps a JSON record to an object of
 * partition keys, as {@code {customer_id: .customer_id, year: .event_timestamp | strftime("%Y")}}.
 * jackson-jq lacks jq's {@code strftime}, which Firehose's own examples use; it is added here for
 * epoch seconds (and ISO-8601 strings), in UTC, with the C conversions.
 */
public final class PartitionKeyQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope ROOT = rootScope();

    private final JsonQuery query;

    private PartitionKeyQuery(JsonQuery query) {
        this.query = query;
    }

    /** @throws io.sluice.common.error.AwsException InvalidArgumentException for a query JQ does not compile */
    public static PartitionKeyQuery compile(String query) {
        if (query == null || query.isBlank()) {
            throw ProcessingConfiguration.invalid("MetadataExtraction processor requires a MetadataExtractionQuery parameter.");
        }
        try {
            return new PartitionKeyQuery(JsonQuery.compile(query, Versions.JQ_1_6));
        } catch (JsonQueryException e) {
            throw ProcessingConfiguration.invalid("MetadataExtractionQuery %s is not a valid JQ expression: %s", query, e.getMessage());
        }
    }

    /**
     * The partition keys of a record: the query's first result, an object whose values are strings
     * or numbers.
     *
     * @return empty when the record is not JSON or the query yields no such object
     */
    public Optional<Map<String, String>> keysOf(byte[] data) {
        try {
            JsonNode record = JSON.readTree(data);
            if (record == null) {
                return Optional.empty();
            }
            List<JsonNode> results = new ArrayList<>(1);
            query.apply(Scope.newChildScope(ROOT), record, results::add);
            if (results.isEmpty() || !results.get(0).isObject()) {
                return Optional.empty();
            }
            Map<String, String> keys = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : results.get(0).properties()) {
                JsonNode value = field.getValue();
                if (!value.isValueNode() || value.isNull()) {
                    return Optional.empty();
                }
                keys.put(field.getKey(), value.asText());
            }
            return Optional.of(keys);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Scope rootScope() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        scope.addFunction("strftime", 1, (s, args, in, path, output, version) -> {
            List<Expression> formats = args;
            formats.get(0).apply(s, in, format -> output.emit(new TextNode(strftime(format.asText(), instantOf(in))), null));
        });
        return scope;
    }

    private static Instant instantOf(JsonNode in) throws JsonQueryException {
        if (in.isNumber()) {
            double seconds = in.asDouble();
            return Instant.ofEpochMilli(Math.round(seconds * 1000));
        }
        if (in.isTextual()) {
            try {
                return Instant.parse(in.asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new JsonQueryException("strftime/1 requires parsed datetime inputs, not " + in.asText());
            }
        }
        throw new JsonQueryException("strftime/1 requires parsed datetime inputs");
    }

    /** C's strftime conversions that jq passes through, in UTC. */
    static String strftime(String format, Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char spec = format.charAt(++i);
            switch (spec) {
                case 'Y' -> out.append(t.getYear());
                case 'y' -> out.append(two(t.getYear() % 100));
                case 'm' -> out.append(two(t.getMonthValue()));
                case 'd' -> out.append(two(t.getDayOfMonth()));
                case 'e' -> out.append(String.format("%2d", t.getDayOfMonth()));
                case 'H' -> out.append(two(t.getHour()));
                case 'I' -> out.append(two(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12));
                case 'M' -> out.append(two(t.getMinute()));
                case 'S' -> out.append(two(t.getSecond()));
                case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
                case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'u' -> out.append(t.getDayOfWeek().getValue());
                case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
                case 's' -> out.append(instant.getEpochSecond());
                case 'Z' -> out.append("UTC");
                case 'z' -> out.append("+0000");
                case 'F' -> out.append(t.getYear()).append('-').append(two(t.getMonthValue())).append('-').append(two(t.getDayOfMonth()));
                case 'T' -> out.append(two(t.getHour())).append(':').append(two(t.getMinute())).append(':').append(two(t.getSecond()));
                case '%' -> out.append('%');
                default -> out.append('%').append(spec);
            }
        }
        return out.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
