package io.sluice.analytics.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a source record into the rows of an in-application stream as its input schema says: JSON
 * from the RecordRowPath ({@code $}, {@code $.path}, or {@code $.path[0:]} for a row per array
 * element), each column from its JSONPath ({@code $.a.b}; {@code [0:]} takes an array's first
 * element; no Mapping is {@code $.<Name>}); or CSV, one row per RecordRowDelimiter and the columns
 * by position between RecordColumnDelimiters. A missing value is NULL; a value that does not
 * convert to its column's type fails the whole record ({@link SqlType.ConversionException}), which
 * KDA reports on {@code error_stream}.
 */
public final class RowReader implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean json;
    private final String[] rowPath;
    private final boolean rowPerElement;
    private final String[][] columnPaths;
    private final SqlType[] types;
    private final String rowDelimiter;
    private final String columnDelimiter;
    private final JsonFields fields;
    private final String[] names;

    /** A column of an input schema: its name, its JSONPath (null for CSV, or for {@code $.<name>}) and its SQL type. */
    public record Column(String name, String mapping, String sqlType) {
    }

    /**
     * @param recordFormatType JSON or CSV
     * @param recordRowPath JSON's RecordRowPath (null for CSV)
     * @param rowDelimiter CSV's RecordRowDelimiter (null for JSON)
     * @param columnDelimiter CSV's RecordColumnDelimiter (null for JSON)
     */
    public RowReader(String recordFormatType, String recordRowPath, List<Column> columns, String rowDelimiter, String columnDelimiter) {
        this.json = "JSON".equals(recordFormatType);
        this.types = columns.stream().map(c -> SqlType.parse(c.sqlType())).toArray(SqlType[]::new);
        this.names = columns.stream().map(Column::name).toArray(String[]::new);
        if (json) {
            String path = recordRowPath;
            this.rowPerElement = path.endsWith("[0:]");
            this.rowPath = steps(rowPerElement ? path.substring(0, path.length() - 4) : path);
            this.columnPaths = columns.stream().map(c -> steps(c.mapping() == null ? "$." + c.name() : c.mapping())).toArray(String[][]::new);
            this.rowDelimiter = null;
            this.columnDelimiter = null;
            this.fields = rowPath.length == 0 && !rowPerElement && JsonFields.handles(columnPaths) ? new JsonFields(columnPaths, types) : null;
        } else {
            this.fields = null;
            this.rowPerElement = false;
            this.rowPath = new String[0];
            this.columnPaths = null;
            this.rowDelimiter = rowDelimiter;
            this.columnDelimiter = columnDelimiter;
        }
    }

    /** The columns' names, in the order {@link #read} gives their values. */
    public List<String> columnNames() {
        return List.of(names);
    }

    /** The path after {@code $} as steps, a {@code [0:]} kept on its step. */
    private static String[] steps(String path) {
        String rest = path.startsWith("$") ? path.substring(1) : path;
        return rest.isEmpty() || rest.equals(".") ? new String[0] : rest.substring(rest.startsWith(".") ? 1 : 0).split("\\.");
    }

    public SqlType[] types() {
        return types.clone();
    }

    /** The rows of one record, each a value per column. */
    public List<Object[]> read(byte[] record) throws SqlType.ConversionException {
        return json ? readJson(record) : readCsv(new String(record, StandardCharsets.UTF_8));
    }

    /**
     * The rows of a whole object, as reference data is read: CSV as one record; JSON as a sequence
     * of documents (one per line, or one after another), each read as a record.
     */
    public List<Object[]> readAll(byte[] object) throws SqlType.ConversionException {
        if (!json) {
            return read(object);
        }
        List<Object[]> rows = new ArrayList<>();
        try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> documents = JSON.readerFor(JsonNode.class).readValues(object)) {
            while (documents.hasNext()) {
                rows.addAll(rowsOf(documents.next()));
            }
        } catch (IOException | RuntimeException e) {
            throw new SqlType.ConversionException("The object is not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return rows;
    }

    private List<Object[]> readJson(byte[] record) throws SqlType.ConversionException {
        if (fields != null) {
            try {
                Object[] values = fields.read(JSON, record);
                if (values != null) {
                    return List.<Object[]>of(values);
                }
            } catch (IOException e) {
                throw new SqlType.ConversionException("The record is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        JsonNode document;
        try {
            document = JSON.readTree(record);
        } catch (IOException e) {
            throw new SqlType.ConversionException("The record is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return rowsOf(document);
    }

    private List<Object[]> rowsOf(JsonNode document) throws SqlType.ConversionException {
        JsonNode at = at(document, rowPath);
        List<JsonNode> rows = new ArrayList<>();
        if (rowPerElement) {
            if (at != null && at.isArray()) {
                at.forEach(rows::add);
            }
        } else if (at != null && !at.isNull()) {
            rows.add(at);
        }
        List<Object[]> result = new ArrayList<>();
        for (JsonNode row : rows) {
            Object[] values = new Object[types.length];
            for (int c = 0; c < types.length; c++) {
                values[c] = types[c].fromJson(at(row, columnPaths[c]));
            }
            result.add(values);
        }
        return result;
    }

    private static JsonNode at(JsonNode node, String[] steps) {
        JsonNode current = node;
        for (String step : steps) {
            if (current == null) {
                return null;
            }
            boolean element = step.endsWith("[0:]");
            current = current.get(element ? step.substring(0, step.length() - 4) : step);
            if (element && current != null) {
                current = current.isArray() && !current.isEmpty() ? current.get(0) : null;
            }
        }
        return current;
    }

    private List<Object[]> readCsv(String text) throws SqlType.ConversionException {
        List<Object[]> result = new ArrayList<>();
        for (String row : text.split(Pattern.quote(rowDelimiter))) {
            if (row.isEmpty()) {
                continue;
            }
            String[] fields = row.split(Pattern.quote(columnDelimiter), -1);
            Object[] values = new Object[types.length];
            for (int c = 0; c < types.length; c++) {
                values[c] = c < fields.length ? types[c].fromText(fields[c]) : null;
            }
            result.add(values);
        }
        return result;
    }
}
