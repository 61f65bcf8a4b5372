package io.sluice.analytics.engine;

import io.sluice.analytics.functions.TimeFunctions;
import io.sluice.analytics.code.Step;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * KDA's stagger windows on a stream of rows with ROWTIME: per key, a window opens at the ROWTIME
 * of the key's first row and holds the key's rows until {@code range} later; the next row after
 * that opens the next. Each row goes on with its window's {@code window_start} and
 * {@code window_end}; the key's state is dropped when its window has passed.
 */
final class StaggerWindows extends KeyedProcessFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final long range;
    private transient ValueState<Long> opened;

    private StaggerWindows(long range) {
        this.range = range;
    }

    /** Registers the step's output view: the input view's rows, each with its window. */
    static void apply(StreamTableEnvironment tables, Step.StaggerWindows step) {
        Table input = tables.from(LegacyView.quote(step.input()));
        ResolvedSchema schema = input.getResolvedSchema();
        List<DataType> types = new ArrayList<>(LegacyView.plainTypes(schema));
        List<String> names = new ArrayList<>(schema.getColumnNames());
        names.add("window_start");
        names.add("window_end");
        types.add(DataTypes.TIMESTAMP(3));
        types.add(DataTypes.TIMESTAMP(3));
        DataStream<Row> rows = tables.toDataStream(input)
                .keyBy(new RowKey(step.keys().stream().mapToInt(names::indexOf).toArray()), Types.STRING)
                .process(new StaggerWindows(step.rangeMillis()), ExternalTypeInfo.of(LegacyView.rowType(names, types)))
                .name("stagger windows " + step.keys());
        tables.createTemporaryView(LegacyView.quote(step.output()), tables.fromDataStream(rows, LegacyView.schema(names, types)));
    }

    @Override
    public void open(OpenContext context) {
        opened = getRuntimeContext().getState(new ValueStateDescriptor<>("opened", Types.LONG));
    }

    @Override
    public void processElement(Row row, Context context, Collector<Row> out) throws Exception {
        long time = context.timestamp();
        Long start = opened.value();
        if (start == null || time >= start + range) {
            start = time;
            opened.update(start);
            context.timerService().registerEventTimeTimer(start + range);
        }
        if (start + range - 1 <= context.timerService().currentWatermark()) {
            return; // a late row (ROWTIME from an event time) of a window that has closed
        }
        Row windowed = Row.withPositions(row.getKind(), row.getArity() + 2);
        for (int i = 0; i < row.getArity(); i++) {
            windowed.setField(i, row.getField(i));
        }
        windowed.setField(row.getArity(), TimeFunctions.time(start));
        windowed.setField(row.getArity() + 1, TimeFunctions.time(start + range));
        out.collect(windowed);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Row> out) throws Exception {
        Long start = opened.value();
        if (start != null && start + range <= timestamp) {
            opened.clear();
        }
    }
}
