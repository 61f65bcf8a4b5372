package io.sluice.analytics.engine;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.types.Row;

/**
 * A row's key for keyed state: some of its fields, as one string that tells any two different
 * keys apart (each value with its length; null apart from every text).
 */
final class RowKey implements KeySelector<Row, String> {
    private static final long serialVersionUID = 1L;
    private final int[] fields;

    RowKey(int[] fields) {
        this.fields = fields.clone();
    }

    @Override
    public String getKey(Row row) {
        StringBuilder key = new StringBuilder();
        for (int field : fields) {
            Object value = row.getField(field);
            if (value == null) {
                key.append('-');
            } else {
                String text = value.toString();
                key.append(text.length()).append(':').append(text);
            }
        }
        return key.toString();
    }
}
