package io.sluice.analytics.engine;

import io.sluice.analytics.row.RowReader;
import io.sluice.analytics.row.SqlType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns a stream's records (their data, from {@link io.sluice.analytics.flink.StreamDataDeserializer})
 * into the rows of an in-application input stream: the schema's columns, then ROWTIME — the time
 * the row enters the application, which never goes back within a reader, as KDA's does. A record
 * whose values do not fit the schema yields no row but a row of {@code error_stream}
 * ({@link #ERRORS}), KDA's columns: ERROR_TIME, ERROR_LEVEL, ERROR_NAME, MESSAGE, DATA_ROWTIME,
 * DATA_ROW (the record in hex) and PUMP_NAME (none: no pump has seen it).
 */
final class InputDecoder extends ProcessFunction<byte[], Row> {
    private static final long serialVersionUID = 1L;
    /** KDA's in-application stream of rows that could not be read, reachable only as an output of that name. */
    static final String ERROR_STREAM = "error_stream";
    static final List<String> ERROR_COLUMNS = List.of("ERROR_TIME", "ERROR_LEVEL", "ERROR_NAME", "MESSAGE", "DATA_ROWTIME", "DATA_ROW",
            "PUMP_NAME");
    static final OutputTag<Row> ERRORS = new OutputTag<>(ERROR_STREAM, Types.ROW_NAMED(ERROR_COLUMNS.toArray(String[]::new),
            Types.LOCAL_DATE_TIME, Types.STRING, Types.STRING, Types.STRING, Types.LOCAL_DATE_TIME, Types.STRING, Types.STRING));
    /** DATA_ROW is a VARCHAR(49152) of hex digits. */
    private static final int MAX_DATA_ROW = 49_152;

    private final RowReader reader;
    private transient long lastRowtime;
    private transient LocalDateTime lastRowtimeValue;
    private transient Counter inputRecords;
    /** How long ago the last record taken had arrived in its stream (0 until one arrives). */
    private transient volatile long millisBehind;

    InputDecoder(RowReader reader) {
        this.reader = reader;
    }

    /** The schema of {@code error_stream}'s view. */
    static Schema errorSchema() {
        return Schema.newBuilder().column("ERROR_TIME", DataTypes.TIMESTAMP(3)).column("ERROR_LEVEL", DataTypes.STRING())
                .column("ERROR_NAME", DataTypes.STRING()).column("MESSAGE", DataTypes.STRING()).column("DATA_ROWTIME", DataTypes.TIMESTAMP(3))
                .column("DATA_ROW", DataTypes.STRING()).column("PUMP_NAME", DataTypes.STRING()).build();
    }

    /** KDA's per-application metrics, read by the service through Flink's REST API ({@link ApplicationMetrics}). */
    @Override
    public void open(OpenContext context) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(ApplicationMetrics.GROUP);
        inputRecords = metrics.counter(ApplicationMetrics.INPUT_RECORDS);
        metrics.gauge(ApplicationMetrics.MILLIS_BEHIND_LATEST, (Gauge<Long>) () -> millisBehind);
    }

    @Override
    public void processElement(byte[] data, Context context, Collector<Row> out) {
        inputRecords.inc();
        Long arrived = context.timestamp();
        long now = Math.max(System.currentTimeMillis(), lastRowtime);
        if (arrived != null) {
            millisBehind = Math.max(0, now - arrived);
        }
        if (now != lastRowtime || lastRowtimeValue == null) {
            // Hundreds of rows enter in the same millisecond: they share its (immutable) ROWTIME.
            lastRowtime = now;
            lastRowtimeValue = io.sluice.analytics.functions.TimeFunctions.time(now);
        }
        LocalDateTime rowtime = lastRowtimeValue;
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
            String hex = HexFormat.of().formatHex(data);
            context.output(ERRORS, Row.of(LocalDateTime.now(ZoneOffset.UTC), "Error", "Type_Conversion_Error", e.getMessage(), rowtime,
                    hex.length() > MAX_DATA_ROW ? hex.substring(0, MAX_DATA_ROW) : hex, null));
        }
    }
}
