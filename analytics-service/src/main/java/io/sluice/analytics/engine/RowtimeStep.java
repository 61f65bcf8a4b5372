package io.sluice.analytics.engine;

import io.sluice.analytics.functions.TimeFunctions;
import io.sluice.analytics.code.Step;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

/**
 * {@code expr AS ROWTIME} made the rows' time again: the view's rows (those with a ROWTIME) with
 * it as their timestamp, the watermark following the largest ROWTIME seen.
 */
final class RowtimeStep {
    private RowtimeStep() {
    }

    static void apply(StreamTableEnvironment tables, Step.Rowtime step) {
        Table input = tables.from(LegacyView.quote(step.input()));
        ResolvedSchema schema = input.getResolvedSchema();
        List<String> names = schema.getColumnNames();
        List<DataType> types = LegacyView.plainTypes(schema);
        int rowtime = names.indexOf("ROWTIME");
        DataStream<Row> rows = tables.toDataStream(input)
                .filter(row -> row.getField(rowtime) != null)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Row>forMonotonousTimestamps()
                        .withTimestampAssigner((row, previous) -> TimeFunctions.millis((LocalDateTime) row.getField(rowtime))))
                .name("ROWTIME of " + step.input());
        tables.createTemporaryView(LegacyView.quote(step.output()), tables.fromDataStream(rows, LegacyView.schema(names, types)));
    }
}
