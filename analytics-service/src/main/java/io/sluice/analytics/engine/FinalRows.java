package io.sluice.analytics.engine;

import io.sluice.analytics.functions.TimeFunctions;
import io.sluice.analytics.code.Step;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * The final row of each group of an updating aggregate over windows: the group's latest row is
 * kept (a retraction forgets it) and emitted once, when the watermark passes its
 * {@code window_end}, with ROWTIME the window's last millisecond — an append-only stream again,
 * as KDA emits a window's row when it closes.
 */
final class FinalRows extends KeyedProcessFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int[] columns;
    private final int windowEnd;
    private final TypeInformation<Row> rowType;
    private transient ValueState<Row> latest;

    private FinalRows(int[] columns, int windowEnd, TypeInformation<Row> rowType) {
        this.columns = columns.clone();
        this.windowEnd = windowEnd;
        this.rowType = rowType;
    }

    /** Registers the step's output view: the step's columns and ROWTIME, one row per group. */
    static void apply(StreamTableEnvironment tables, Step.FinalRows step) {
        Table input = tables.from(LegacyView.quote(step.input()));
        ResolvedSchema schema = input.getResolvedSchema();
        List<String> all = schema.getColumnNames();
        List<DataType> allTypes = LegacyView.plainTypes(schema);
        List<String> names = new ArrayList<>(step.columns());
        List<DataType> types = new ArrayList<>(step.columns().stream().map(c -> allTypes.get(all.indexOf(c))).toList());
        names.add("ROWTIME");
        types.add(DataTypes.TIMESTAMP(3));
        DataStream<Row> changes = tables.toChangelogStream(input);
        DataStream<Row> rows = changes
                .keyBy(new RowKey(step.keys().stream().mapToInt(all::indexOf).toArray()), Types.STRING)
                .process(new FinalRows(step.columns().stream().mapToInt(all::indexOf).toArray(), all.indexOf("window_end"), changes.getType()),
                        ExternalTypeInfo.of(LegacyView.rowType(names, types)))
                .name("window rows " + step.keys());
        tables.createTemporaryView(LegacyView.quote(step.output()), tables.fromDataStream(rows, LegacyView.schema(names, types)));
    }

    @Override
    public void open(OpenContext context) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", rowType));
    }

    @Override
    public void processElement(Row row, Context context, Collector<Row> out) throws Exception {
        long last = TimeFunctions.millis((LocalDateTime) row.getField(windowEnd)) - 1;
        if (last <= context.timerService().currentWatermark()) {
            return; // a late row's change to a window already emitted: left out, as KDA left late rows out
        }
        if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
            latest.update(row);
            context.timerService().registerEventTimeTimer(last);
        } else {
            latest.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Row> out) throws Exception {
        Row last = latest.value();
        latest.clear();
        if (last == null) {
            return;
        }
        Row row = Row.withPositions(columns.length + 1);
        for (int i = 0; i < columns.length; i++) {
            row.setField(i, last.getField(columns[i]));
        }
        row.setField(columns.length, TimeFunctions.time(timestamp));
        out.collect(row);
    }
}
