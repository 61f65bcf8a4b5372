package io.sluice.analytics.row;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a row of an in-application stream as the output record its DestinationSchema asks for:
 * JSON, an object of the columns by name (numbers and booleans as JSON's, TIMESTAMP as
 * {@code yyyy-MM-dd HH:mm:ss.SSS}, NULL as null); or CSV, the values between commas, a line each.
 */
public final class RowWriter implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean json;
    private final String[] names;

    /** @param recordFormatType JSON or CSV */
    public RowWriter(String recordFormatType, List<String> names) {
        this.json = "JSON".equals(recordFormatType);
        this.names = names.toArray(String[]::new);
    }

    public byte[] write(Object[] row) {
        if (!json) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String text = SqlType.toText(row[c]);
                line.append(c == 0 ? "" : ",").append(text == null ? "" : text);
            }
            return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 16 * row.length);
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            for (int c = 0; c < row.length; c++) {
                generator.writeFieldName(names[c]);
                Object value = row[c];
                if (value == null) {
                    generator.writeNull();
                } else if (value instanceof Boolean b) {
                    generator.writeBoolean(b);
                } else if (value instanceof BigDecimal d) {
                    generator.writeNumber(d);
                } else if (value instanceof Float f) {
                    generator.writeNumber(f);
                } else if (value instanceof Double d) {
                    generator.writeNumber(d);
                } else if (value instanceof Number n) {
                    generator.writeNumber(n.longValue());
                } else {
                    generator.writeString(SqlType.toText(value));
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
