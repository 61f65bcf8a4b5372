package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.schema.HiveType;
import io.sluice.firehose.schema.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JSON record into the values of a table's columns, as the OpenX JSON SerDe (keys matched
 * case-insensitively by default, dots optionally turned into underscores, ColumnToJsonKeyMappings)
 * or the Hive JSON SerDe (TimestampFormats) read it. Values: Boolean, Long (tinyint to bigint),
 * Double (float, double), BigDecimal, String, byte[] (binary, base64 in JSON), LocalDate, Instant,
 * List, Map and Object[] (struct); null for a missing or null field.
 */
public final class JsonRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HIVE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    private final List<TableSchema.Column> columns;
    private final List<HiveType> types = new ArrayList<>();
    private final DataFormatConversion conversion;
    private final List<DateTimeFormatter> timestampFormats = new ArrayList<>();
    private final boolean millis;

    public JsonRows(TableSchema table, DataFormatConversion conversion) {
        this.columns = table.columns();
        this.conversion = conversion;
        columns.forEach(c -> types.add(HiveType.parse(c.type())));
        boolean epochMillis = false;
        for (String format : conversion.timestampFormats()) {
            if (format.equals("millis")) {
                epochMillis = true;
            } else {
                timestampFormats.add(DateTimeFormatter.ofPattern(format));
            }
        }
        this.millis = epochMillis;
    }

    public List<TableSchema.Column> columns() {
        return columns;
    }

    public List<HiveType> types() {
        return types;
    }

    /**
     * The record's column values in the table's column order.
     *
     * @throws ConversionException when the record is not a JSON object or a value does not fit its column
     */
    public Object[] read(byte[] record) throws ConversionException {
        JsonNode node;
        try {
            node = JSON.readTree(record);
        } catch (IOException e) {
            throw new ConversionException("The record is not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ConversionException("The record is not a JSON object.");
        }
        Map<String, JsonNode> fields = fieldsOf(node);
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            String column = columns.get(i).name();
            String key = conversion.keyMappings().getOrDefault(column, column);
            row[i] = value(fields.get(conversion.caseInsensitive() ? key.toLowerCase(Locale.ROOT) : key), types.get(i), column);
        }
        return row;
    }

    private Map<String, JsonNode> fieldsOf(JsonNode object) {
        Map<String, JsonNode> fields = new HashMap<>();
        object.properties().forEach(e -> {
            String key = conversion.dotsToUnderscores() ? e.getKey().replace('.', '_') : e.getKey();
            fields.putIfAbsent(conversion.caseInsensitive() ? key.toLowerCase(Locale.ROOT) : key, e.getValue());
        });
        return fields;
    }

    private Object value(JsonNode node, HiveType type, String column) throws ConversionException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case "boolean" -> node.isBoolean() ? node.booleanValue() : parseBoolean(node.asText());
                case "tinyint", "smallint", "int", "bigint" -> integral(node, type);
                case "float", "double" -> node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText());
                case "decimal" -> decimal(node, type);
                case "string", "varchar", "char" -> text(node, type);
                case "binary" -> Base64.getDecoder().decode(node.asText());
                case "date" -> node.isIntegralNumber() ? LocalDate.ofEpochDay(node.longValue()) : LocalDate.parse(node.asText());
                case "timestamp" -> timestamp(node);
                case "array" -> {
                    if (!node.isArray()) {
                        throw new ConversionException("Column " + column + " is an array, the value is not.");
                    }
                    List<Object> list = new ArrayList<>();
                    for (JsonNode element : node) {
                        list.add(value(element, type.elements().get(0), column));
                    }
                    yield list;
                }
                case "map" -> {
                    if (!node.isObject()) {
                        throw new ConversionException("Column " + column + " is a map, the value is not an object.");
                    }
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : node.properties()) {
                        map.put(value(JSON.getNodeFactory().textNode(e.getKey()), type.elements().get(0), column),
                                value(e.getValue(), type.elements().get(1), column));
                    }
                    yield map;
                }
                case "struct" -> {
                    if (!node.isObject()) {
                        throw new ConversionException("Column " + column + " is a struct, the value is not an object.");
                    }
                    Map<String, JsonNode> fields = fieldsOf(node);
                    Object[] struct = new Object[type.fields().size()];
                    int i = 0;
                    for (Map.Entry<String, HiveType> field : type.fields().entrySet()) {
                        struct[i++] = value(fields.get(field.getKey()), field.getValue(), column + "." + field.getKey());
                    }
                    yield struct;
                }
                default -> throw new ConversionException("Column " + column + " has the unsupported type " + type);
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new ConversionException("The value " + node + " of column " + column + " is not a " + type + ".");
        } catch (IllegalArgumentException e) {
            throw new ConversionException("The value " + node + " of column " + column + " is not a " + type + ": " + e.getMessage());
        }
    }

    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static long integral(JsonNode node, HiveType type) {
        long value = node.isIntegralNumber() ? node.longValue() : new BigDecimal(node.asText().trim()).longValueExact();
        if (node.isFloatingPointNumber() && node.doubleValue() != Math.rint(node.doubleValue())) {
            throw new ArithmeticException("not integral");
        }
        long min = switch (type.kind()) {
            case "tinyint" -> Byte.MIN_VALUE;
            case "smallint" -> Short.MIN_VALUE;
            case "int" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long max = -(min + 1);
        if (value < min || value > max) {
            throw new ArithmeticException("out of range");
        }
        return value;
    }

    private static BigDecimal decimal(JsonNode node, HiveType type) {
        BigDecimal value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
        BigDecimal scaled = value.setScale(type.scale(), java.math.RoundingMode.HALF_UP);
        if (scaled.precision() > type.precision()) {
            throw new ArithmeticException("too many digits");
        }
        return scaled;
    }

    private static String text(JsonNode node, HiveType type) {
        String text = node.isValueNode() ? node.asText() : node.toString();
        if (type.kind().equals("varchar") && text.length() > type.precision()) {
            return text.substring(0, type.precision());
        }
        return text;
    }

    private Instant timestamp(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        String text = node.asText().trim();
        if (millis && text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        for (DateTimeFormatter format : timestampFormats) {
            try {
                return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // The next format.
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text, HIVE_TIMESTAMP).toInstant(ZoneOffset.UTC);
        }
    }

    /** The record's bytes as text, for messages. */
    static String preview(byte[] record) {
        String text = new String(record, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
