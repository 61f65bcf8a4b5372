package io.sluice.analytics.engine;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import io.sluice.analytics.code.Step;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * RANDOM_CUT_FOREST as KDA ran it, with Amazon's randomcutforest-core: one forest over the
 * numeric columns of every row (TINYINT … DOUBLE; DECIMAL is not one, as in KDA), each row scored
 * and then learnt; the score is 0 until the forest has learnt {@code subSampleSize} rows. The
 * explanation gives each column's attribution (its high and low parts summed), the direction
 * (HIGH when the high part is larger) and its strength (how one-sided it is), as JSON. The forest
 * lives in the task and is learnt again after a restart, as KDA's was after maintenance.
 */
final class RandomCutForestScores extends ProcessFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final EnumSet<LogicalTypeRoot> NUMERIC = EnumSet.of(LogicalTypeRoot.TINYINT, LogicalTypeRoot.SMALLINT,
            LogicalTypeRoot.INTEGER, LogicalTypeRoot.BIGINT, LogicalTypeRoot.FLOAT, LogicalTypeRoot.DOUBLE);
    /** KDA's limit on the columns a forest reads. */
    static final int MAX_COLUMNS = 30;

    private final Step.RandomCutForest step;
    private final int[] numeric;
    private final String[] names;
    private final LegacyView.Added columns;
    private transient RandomCutForest forest;
    private transient long learnt;

    private RandomCutForestScores(Step.RandomCutForest step, int[] numeric, String[] names, LegacyView.Added columns) {
        this.step = step;
        this.numeric = numeric.clone();
        this.names = names.clone();
        this.columns = columns;
    }

    /** Registers the step's output view: the input's columns, the score (and explanation), ROWTIME. */
    static void apply(StreamTableEnvironment tables, Step.RandomCutForest step) {
        Table input = tables.from(LegacyView.quote(step.input()));
        ResolvedSchema schema = input.getResolvedSchema();
        int[] numeric = numericColumns(LegacyView.plainTypes(schema), "RANDOM_CUT_FOREST");
        LegacyView.Added columns = step.explained()
                ? LegacyView.Added.to(schema, List.of(Step.RandomCutForest.SCORE, Step.RandomCutForest.EXPLANATION),
                        List.of(DataTypes.DOUBLE(), DataTypes.STRING()))
                : LegacyView.Added.to(schema, List.of(Step.RandomCutForest.SCORE), List.of(DataTypes.DOUBLE()));
        String[] numericNames = java.util.Arrays.stream(numeric).mapToObj(schema.getColumnNames()::get).toArray(String[]::new);
        DataStream<Row> rows = tables.toDataStream(input)
                .process(new RandomCutForestScores(step, numeric, numericNames, columns), columns.typeInfo())
                .name(step.explained() ? "RANDOM_CUT_FOREST_WITH_EXPLANATION" : "RANDOM_CUT_FOREST");
        columns.register(tables, step.output(), rows);
    }

    /**
     * The numeric columns (TINYINT … DOUBLE; DECIMAL is not one, as in KDA) that KDA's
     * machine-learning functions read, 1 to {@value #MAX_COLUMNS} of them.
     */
    static int[] numericColumns(List<DataType> types, String function) {
        List<Integer> numeric = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (NUMERIC.contains(types.get(i).getLogicalType().getTypeRoot())) {
                numeric.add(i);
            }
        }
        if (numeric.isEmpty() || numeric.size() > MAX_COLUMNS) {
            throw ApplicationJob.unrunnable(function + " reads 1 to " + MAX_COLUMNS + " numeric columns, and its cursor has " + numeric.size());
        }
        return numeric.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void open(OpenContext context) {
        forest = RandomCutForest.builder()
                .dimensions(numeric.length * step.shingleSize())
                .shingleSize(step.shingleSize())
                .internalShinglingEnabled(step.shingleSize() > 1)
                .numberOfTrees(step.trees())
                .sampleSize(step.sampleSize())
                .timeDecay(1.0 / step.timeDecay())
                .build();
    }

    @Override
    public void processElement(Row row, Context context, Collector<Row> out) {
        double[] point = new double[numeric.length];
        for (int i = 0; i < numeric.length; i++) {
            Object value = row.getField(numeric[i]);
            point[i] = value == null ? 0 : ((Number) value).doubleValue();
        }
        boolean warm = learnt >= step.sampleSize();
        double score = warm ? forest.getAnomalyScore(point) : 0;
        String explanation = step.explained() ? explain(warm ? forest.getAnomalyAttribution(point) : null) : null;
        forest.update(point);
        learnt++;
        out.collect(step.explained() ? columns.row(row, score, explanation) : columns.row(row, score));
    }

    /** Each column's attribution, direction and strength; while the forest learns, zeros and LOW. */
    private String explain(DiVector attribution) {
        StringBuilder json = new StringBuilder("{");
        for (int c = 0; c < numeric.length; c++) {
            double high = 0;
            double low = 0;
            for (int d = c; attribution != null && d < attribution.getDimensions(); d += numeric.length) {
                high += attribution.high[d];
                low += attribution.low[d];
            }
            json.append(c == 0 ? "" : ",").append('"').append(names[c].replace("\\", "\\\\").replace("\"", "\\\"")).append("\":{");
            if (step.directions()) {
                double strength = high + low == 0 ? 0 : Math.abs(high - low) / (high + low);
                json.append("\"DIRECTION\":\"").append(high > low ? "HIGH" : "LOW").append("\",\"STRENGTH\":\"")
                        .append(decimal(strength)).append("\",");
            }
            json.append("\"ATTRIBUTION_SCORE\":\"").append(decimal(high + low)).append("\"}");
        }
        return json.append('}').toString();
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
