package io.sluice.analytics.engine;

import io.sluice.analytics.functions.TimeFunctions;
import io.sluice.analytics.code.Step;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * TOP_K_ITEMS_TUMBLING and COUNT_DISTINCT_ITEMS_TUMBLING as KDA ran them, with Apache
 * DataSketches: per tumbling window over ROWTIME, a frequent-items sketch of the column's values
 * (the K most frequent with their estimated counts) or the distinct values — counted exactly up to
 * 10,000 of them, then by an HLL sketch (KDA's promise). Each window's rows are emitted when it
 * closes. The open windows' sketches are kept in the job's checkpoints and savepoints, so a stop
 * and a start from LAST_STOPPED_POINT lose none of their items.
 */
final class TumblingItems extends KeyedProcessFunction<Integer, Row, Row> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    /** Up to this many distinct items are counted exactly. */
    static final int EXACT_DISTINCT = 10_000;
    private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();

    private final Step.TumblingItems step;
    private final int column;
    private transient TreeMap<Long, Window> windows;
    private transient ListState<byte[]> saved;

    private TumblingItems(Step.TumblingItems step, int column) {
        this.step = step;
        this.column = column;
    }

    /** Registers the step's output view: the window's items and counts (or its distinct count), and ROWTIME. */
    static void apply(StreamTableEnvironment tables, Step.TumblingItems step) {
        Table input = tables.from(LegacyView.quote(step.input()));
        int column = input.getResolvedSchema().getColumnNames().indexOf(step.column());
        List<String> names = new ArrayList<>(step.k() > 0 ? Step.TumblingItems.TOP_K_COLUMNS : Step.TumblingItems.DISTINCT_COLUMNS);
        List<DataType> types = new ArrayList<>(step.k() > 0 ? List.of(DataTypes.STRING(), DataTypes.DOUBLE()) : List.of(DataTypes.BIGINT()));
        names.add("ROWTIME");
        types.add(DataTypes.TIMESTAMP(3));
        DataStream<Row> rows = tables.toDataStream(input)
                .keyBy(row -> 0, Types.INT)
                .process(new TumblingItems(step, column), ExternalTypeInfo.of(LegacyView.rowType(names, types)))
                .name((step.k() > 0 ? "TOP_K_ITEMS_TUMBLING " : "COUNT_DISTINCT_ITEMS_TUMBLING ") + step.column());
        tables.createTemporaryView(LegacyView.quote(step.output()), tables.fromDataStream(rows, LegacyView.schema(names, types)));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        saved = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("windows", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        windows = new TreeMap<>();
        for (byte[] window : saved.get()) {
            Window restored = Window.read(window, step.k());
            windows.put(restored.end, restored);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<byte[]> all = new ArrayList<>();
        for (Window window : windows.values()) {
            all.add(window.bytes());
        }
        saved.update(all);
    }

    @Override
    public void processElement(Row row, Context context, Collector<Row> out) {
        long size = step.seconds() * 1000L;
        long end = Math.floorDiv(context.timestamp(), size) * size + size;
        if (end - 1 <= context.timerService().currentWatermark()) {
            return; // a late row of a window already emitted
        }
        Window window = windows.computeIfAbsent(end, e -> {
            context.timerService().registerEventTimeTimer(e - 1);
            return new Window(e, step.k());
        });
        Object value = row.getField(column);
        if (value != null) {
            window.add(value.toString());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Row> out) {
        Window window = windows.remove(timestamp + 1);
        if (window == null) {
            return;
        }
        java.time.LocalDateTime rowtime = TimeFunctions.time(timestamp);
        if (step.k() > 0) {
            ItemsSketch.Row<String>[] frequent = window.items.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
            Arrays.stream(frequent).sorted(Comparator.comparingLong((ItemsSketch.Row<String> r) -> r.getEstimate()).reversed()
                            .thenComparing(ItemsSketch.Row::getItem))
                    .limit(step.k()).forEach(item -> out.collect(Row.of(item.getItem(), (double) item.getEstimate(), rowtime)));
        } else {
            out.collect(Row.of(window.distinct(), rowtime));
        }
    }

    /** An open window: its frequent-items sketch, or its distinct values (a set, then an HLL sketch). */
    private static final class Window {
        private final long end;
        private ItemsSketch<String> items;
        private Set<String> exact;
        private HllSketch sketch;

        Window(long end, int k) {
            this.end = end;
            if (k > 0) {
                items = new ItemsSketch<>(Integer.highestOneBit(Math.min(1 << 20, Math.max(64, k * 8)) * 2 - 1));
            } else {
                exact = new HashSet<>();
            }
        }

        void add(String value) {
            if (items != null) {
                items.update(value);
            } else if (exact != null) {
                exact.add(value);
                if (exact.size() > EXACT_DISTINCT) {
                    sketch = new HllSketch(14);
                    exact.forEach(sketch::update);
                    exact = null;
                }
            } else {
                sketch.update(value);
            }
        }

        long distinct() {
            return exact != null ? exact.size() : Math.round(sketch.getEstimate());
        }

        byte[] bytes() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(end);
                if (items != null) {
                    byte[] sketchBytes = items.toByteArray(STRINGS);
                    out.writeInt(sketchBytes.length);
                    out.write(sketchBytes);
                } else if (exact != null) {
                    out.writeBoolean(true);
                    out.writeInt(exact.size());
                    for (String value : exact) {
                        byte[] text = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        out.writeInt(text.length);
                        out.write(text);
                    }
                } else {
                    out.writeBoolean(false);
                    byte[] sketchBytes = sketch.toCompactByteArray();
                    out.writeInt(sketchBytes.length);
                    out.write(sketchBytes);
                }
            }
            return bytes.toByteArray();
        }

        static Window read(byte[] bytes, int k) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                Window window = new Window(in.readLong(), k);
                if (k > 0) {
                    window.items = ItemsSketch.getInstance(Memory.wrap(in.readNBytes(in.readInt())), STRINGS);
                } else if (in.readBoolean()) {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        window.exact.add(new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8));
                    }
                } else {
                    window.exact = null;
                    window.sketch = HllSketch.heapify(in.readNBytes(in.readInt()));
                }
                return window;
            }
        }
    }
}
