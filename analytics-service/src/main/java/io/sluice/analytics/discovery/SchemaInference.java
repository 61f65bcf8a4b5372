package io.sluice.analytics.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.analytics.application.Shapes.CsvMappingParameters;
import io.sluice.analytics.application.Shapes.JsonMappingParameters;
import io.sluice.analytics.application.Shapes.MappingParameters;
import io.sluice.analytics.application.Shapes.RecordColumn;
import io.sluice.analytics.application.Shapes.RecordFormat;
import io.sluice.analytics.application.Shapes.SourceSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers a source schema from sample records as Kinesis Analytics' discovery does: JSON objects
 * (RecordRowPath {@code $}, nested objects flattened two levels deep, a column per leaf named by
 * its key with Mapping {@code $.parent.key}), or else CSV (the row and column delimiters that split
 * the sample evenly, names from a header row). Types are the narrowest that hold every value
 * seen: TINYINT, SMALLINT, INTEGER or BIGINT for whole numbers, REAL for fractions, BOOLEAN, and
 * VARCHAR of the next power of two (at least 4) above the longest text. Names are made into SQL
 * identifiers by {@link ColumnNames}.
 */
final class SchemaInference {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 3;

    /** The schema and the sample's rows as the schema reads them (a value it cannot read is null). */
    record Result(SourceSchema schema, List<List<String>> parsed) {
    }

    private SchemaInference() {
    }

    /** @return empty when the sample holds nothing to infer from (no records, or records that are not text) */
    static java.util.Optional<Result> infer(List<byte[]> records) {
        List<String> texts = new ArrayList<>();
        for (byte[] record : records) {
            try {
                texts.add(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(record)).toString());
            } catch (CharacterCodingException e) {
                return java.util.Optional.empty();
            }
        }
        texts.removeIf(t -> t.isBlank());
        if (texts.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<JsonNode> objects = json(texts);
        return java.util.Optional.of(objects != null ? fromJson(objects) : fromCsv(texts));
    }

    /** The records as JSON objects, or null when any of them is not one. */
    private static List<JsonNode> json(List<String> texts) {
        List<JsonNode> objects = new ArrayList<>();
        for (String text : texts) {
            try {
                JsonNode node = JSON.readTree(text);
                if (node == null || !node.isObject()) {
                    return null;
                }
                objects.add(node);
            } catch (IOException e) {
                return null;
            }
        }
        return objects;
    }

    private static Result fromJson(List<JsonNode> objects) {
        Map<String, ColumnType> columns = new LinkedHashMap<>(); // by JSONPath, in the order first seen
        Map<String, String> keys = new LinkedHashMap<>();
        for (JsonNode object : objects) {
            leaves(object, "$", 1, (path, key, value) -> {
                keys.putIfAbsent(path, key);
                columns.computeIfAbsent(path, p -> new ColumnType()).see(value);
            });
        }
        List<String> names = ColumnNames.identifiers(new ArrayList<>(keys.values()));
        List<RecordColumn> recordColumns = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, ColumnType> column : columns.entrySet()) {
            recordColumns.add(new RecordColumn(names.get(i++), column.getKey(), column.getValue().sqlType()));
        }
        List<List<String>> parsed = new ArrayList<>();
        for (JsonNode object : objects) {
            List<String> row = new ArrayList<>();
            for (Map.Entry<String, ColumnType> column : columns.entrySet()) {
                JsonNode value = at(object, column.getKey());
                row.add(value == null || value.isNull() ? null : column.getValue().read(value.isTextual() ? value.textValue() : value.toString()));
            }
            parsed.add(row);
        }
        return new Result(new SourceSchema(new RecordFormat("JSON", new MappingParameters(new JsonMappingParameters("$"), null)), "UTF-8",
                recordColumns), parsed);
    }

    private interface Leaf {
        void accept(String path, String key, JsonNode value);
    }

    private static void leaves(JsonNode object, String path, int depth, Leaf leaf) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && depth < MAX_DEPTH) {
                leaves(value, fieldPath, depth + 1, leaf);
            } else if (value.isArray()) {
                // KDA's one array form: every element, [0:]; objects in it contribute their leaves.
                for (JsonNode element : value) {
                    if (element.isObject() && depth < MAX_DEPTH) {
                        leaves(element, fieldPath + "[0:]", depth + 1, leaf);
                    } else if (!element.isObject() && !element.isArray()) {
                        leaf.accept(fieldPath + "[0:]", field.getKey(), element);
                    }
                }
            } else {
                leaf.accept(fieldPath, field.getKey(), value);
            }
        }
    }

    /** The first value at a JSONPath of the forms {@link #leaves} makes. */
    private static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String step : path.substring(2).split("\\.")) {
            boolean all = step.endsWith("[0:]");
            current = current == null ? null : current.get(all ? step.substring(0, step.length() - 4) : step);
            if (all && current != null) {
                current = current.isArray() && !current.isEmpty() ? current.get(0) : null;
            }
        }
        return current;
    }

    private static Result fromCsv(List<String> texts) {
        String rowDelimiter = texts.stream().anyMatch(t -> t.contains("\r\n")) ? "\r\n" : "\n";
        List<String> rows = new ArrayList<>();
        for (String text : texts) {
            for (String row : text.split(java.util.regex.Pattern.quote(rowDelimiter))) {
                if (!row.isBlank()) {
                    rows.add(row);
                }
            }
        }
        String columnDelimiter = ",";
        int best = 0;
        for (String candidate : List.of(",", "|", "\t", ";")) {
            int count = rows.get(0).split(java.util.regex.Pattern.quote(candidate), -1).length;
            boolean even = rows.stream().allMatch(r -> r.split(java.util.regex.Pattern.quote(candidate), -1).length == count);
            if (even && count > best) {
                best = count;
                columnDelimiter = candidate;
            }
        }
        String delimiter = columnDelimiter;
        List<String[]> split = rows.stream().map(r -> r.split(java.util.regex.Pattern.quote(delimiter), -1)).toList();
        int width = split.stream().mapToInt(r -> r.length).max().orElse(1);
        List<ColumnType> types = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            types.add(new ColumnType());
        }
        boolean header = split.size() > 1 && header(split, width);
        for (String[] row : split.subList(header ? 1 : 0, split.size())) {
            for (int c = 0; c < row.length; c++) {
                types.get(c).seeText(row[c]);
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            names.add(header && c < split.get(0).length ? split.get(0)[c] : "");
        }
        List<String> identifiers = ColumnNames.identifiers(names);
        List<RecordColumn> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(new RecordColumn(identifiers.get(c), null, types.get(c).sqlType()));
        }
        List<List<String>> parsed = new ArrayList<>();
        for (String[] row : split) {
            List<String> values = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                values.add(c < row.length ? types.get(c).read(row[c]) : null);
            }
            parsed.add(values);
        }
        return new Result(new SourceSchema(new RecordFormat("CSV", new MappingParameters(null,
                new CsvMappingParameters(rowDelimiter, columnDelimiter))), "UTF-8", columns), parsed);
    }

    /** A first row is a header when its fields are all names and some column below it holds numbers it does not. */
    private static boolean header(List<String[]> rows, int width) {
        String[] first = rows.get(0);
        for (String field : first) {
            if (field.isBlank() || ColumnType.isNumber(field)) {
                return false;
            }
        }
        for (int c = 0; c < width && c < first.length; c++) {
            ColumnType below = new ColumnType();
            for (String[] row : rows.subList(1, rows.size())) {
                if (c < row.length) {
                    below.seeText(row[c]);
                }
            }
            if (below.numeric()) {
                return true;
            }
        }
        return false;
    }
}
