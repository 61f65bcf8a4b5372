package io.sluice.analytics.engine;

import io.sluice.analytics.row.RowReader;
import io.sluice.analytics.row.SqlType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a stream's records (the rows of {@link io.sluice.analytics.flink.StreamRecordDeserializer})
 * into the rows of an in-application input stream: the schema's columns, then ROWTIME — the time
 * the row enters the application, which never goes back within a reader, as KDA's does. A record
 * whose values do not fit the schema yields no row (KDA reports it on {@code error_stream}).
 */
final class InputDecoder implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(InputDecoder.class);

    private final RowReader reader;
    private transient long lastRowtime;

    InputDecoder(RowReader reader) {
        this.reader = reader;
    }

    @Override
    public void flatMap(Row record, Collector<Row> out) {
        byte[] data = (byte[]) record.getField("data");
        long now = Math.max(System.currentTimeMillis(), lastRowtime);
        lastRowtime = now;
        LocalDateTime rowtime = LocalDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        try {
            for (Object[] values : reader.read(data)) {
                Row row = new Row(values.length + 1);
                for (int i = 0; i < values.length; i++) {
                    row.setField(i, values[i]);
                }
                row.setField(values.length, rowtime);
                out.collect(row);
            }
        } catch (SqlType.ConversionException e) {
            log.debug("Record {} of {} does not fit the input schema: {}", record.getField("sequenceNumber"), record.getField("shardId"),
                    e.getMessage());
        }
    }
}
