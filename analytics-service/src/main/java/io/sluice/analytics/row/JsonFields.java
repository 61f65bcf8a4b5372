package io.sluice.analytics.row;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a JSON object read as the parser streams through it: only the values on the
 * columns' paths ({@code $.a}, {@code $.a.b}) become nodes; every other field is skipped without
 * being decoded (a record's large payload costs a scan, not a string). For records whose row is
 * the whole document and whose paths have no array steps; {@link RowReader} reads the others as
 * a tree.
 */
final class JsonFields implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A step of the paths: the columns that end here, and the steps below. */
    private static final class Step implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<Integer> columns = new ArrayList<>();
        private final Map<String, Step> below = new HashMap<>();
    }

    private final Step root = new Step();
    private final SqlType[] types;

    /** @param paths each column's path, as steps after {@code $} */
    JsonFields(String[][] paths, SqlType[] types) {
        this.types = types;
        for (int column = 0; column < paths.length; column++) {
            Step step = root;
            for (String name : paths[column]) {
                step = step.below.computeIfAbsent(name, n -> new Step());
            }
            step.columns.add(column);
        }
    }

    /** Whether the paths can be read this way: none empty, none with an array step. */
    static boolean handles(String[][] paths) {
        for (String[] path : paths) {
            if (path.length == 0) {
                return false;
            }
            for (String step : path) {
                if (step.endsWith("[0:]")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The columns' values, or null when the document is not an object (the tree reading decides
     * what that yields).
     */
    Object[] read(ObjectMapper json, byte[] record) throws IOException, SqlType.ConversionException {
        try (JsonParser parser = json.getFactory().createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object[] values = new Object[types.length];
            object(parser, root, values);
            return values;
        }
    }

    private void object(JsonParser parser, Step step, Object[] values) throws IOException, SqlType.ConversionException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Step next = step.below.get(parser.currentName());
            JsonToken value = parser.nextToken();
            if (next == null) {
                parser.skipChildren();
            } else if (!next.columns.isEmpty()) {
                JsonNode node = parser.readValueAsTree();
                set(next, node, values);
            } else if (value == JsonToken.START_OBJECT) {
                object(parser, next, values);
            } else {
                parser.skipChildren();
            }
        }
    }

    /** The columns ending at a step, and those below it read from its node. */
    private void set(Step step, JsonNode node, Object[] values) throws SqlType.ConversionException {
        for (int column : step.columns) {
            values[column] = types[column].fromJson(node);
        }
        for (Map.Entry<String, Step> below : step.below.entrySet()) {
            set(below.getValue(), node == null ? null : node.get(below.getKey()), values);
        }
    }
}
