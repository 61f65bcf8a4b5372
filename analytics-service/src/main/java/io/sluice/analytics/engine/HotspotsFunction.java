package io.sluice.analytics.engine;

import io.sluice.analytics.code.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * HOTSPOTS as KDA ran it: the numeric columns of the last {@code windowSize} rows are points;
 * DBSCAN (Apache Commons Math) finds the groups of at least {@code minPoints} points each within
 * {@code scanRadius} of a neighbour; every row gets, as it comes, {@code {"hotspots": [{"density",
 * "minValues", "maxValues"}]}} of the window's hotspots — density the points over the hotspot's
 * size (the product of its extents, each at least the scan radius). The window lives in the task
 * and fills anew after a restart, as KDA's did after maintenance.
 */
final class HotspotsFunction extends ProcessFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Step.Hotspots step;
    private final int[] numeric;
    private final LegacyView.Added columns;
    private transient ArrayDeque<DoublePoint> window;
    private transient DBSCANClusterer<DoublePoint> dbscan;

    private HotspotsFunction(Step.Hotspots step, int[] numeric, LegacyView.Added columns) {
        this.step = step;
        this.numeric = numeric.clone();
        this.columns = columns;
    }

    /** Registers the step's output view: the input's columns, HOTSPOTS_RESULT, ROWTIME. */
    static void apply(StreamTableEnvironment tables, Step.Hotspots step) {
        Table input = tables.from(LegacyView.quote(step.input()));
        ResolvedSchema schema = input.getResolvedSchema();
        int[] numeric = RandomCutForestScores.numericColumns(LegacyView.plainTypes(schema), "HOTSPOTS");
        LegacyView.Added columns = LegacyView.Added.to(schema, List.of(Step.Hotspots.RESULT), List.of(DataTypes.STRING()));
        DataStream<Row> rows = tables.toDataStream(input)
                .process(new HotspotsFunction(step, numeric, columns), columns.typeInfo())
                .name("HOTSPOTS");
        columns.register(tables, step.output(), rows);
    }

    @Override
    public void processElement(Row row, Context context, Collector<Row> out) {
        if (window == null) {
            window = new ArrayDeque<>();
            // Commons Math counts a core point's neighbours without the point itself.
            dbscan = new DBSCANClusterer<>(step.scanRadius(), step.minPoints() - 1);
        }
        double[] point = new double[numeric.length];
        for (int i = 0; i < numeric.length; i++) {
            Object value = row.getField(numeric[i]);
            point[i] = value == null ? 0 : ((Number) value).doubleValue();
        }
        window.addLast(new DoublePoint(point));
        if (window.size() > step.windowSize()) {
            window.removeFirst();
        }
        out.collect(columns.row(row, hotspots(dbscan.cluster(window))));
    }

    private String hotspots(List<Cluster<DoublePoint>> clusters) {
        StringBuilder json = new StringBuilder("{\"hotspots\":[");
        boolean first = true;
        for (Cluster<DoublePoint> cluster : clusters) {
            if (cluster.getPoints().size() < step.minPoints()) {
                continue;
            }
            double[] min = cluster.getPoints().get(0).getPoint().clone();
            double[] max = min.clone();
            for (DoublePoint point : cluster.getPoints()) {
                for (int d = 0; d < min.length; d++) {
                    min[d] = Math.min(min[d], point.getPoint()[d]);
                    max[d] = Math.max(max[d], point.getPoint()[d]);
                }
            }
            double size = 1;
            for (int d = 0; d < min.length; d++) {
                size *= Math.max(max[d] - min[d], step.scanRadius());
            }
            json.append(first ? "" : ",").append("{\"density\":").append(number(cluster.getPoints().size() / size))
                    .append(",\"minValues\":").append(numbers(min)).append(",\"maxValues\":").append(numbers(max)).append('}');
            first = false;
        }
        return json.append("]}").toString();
    }

    private static String numbers(double[] values) {
        List<String> texts = new ArrayList<>();
        for (double value : values) {
            texts.add(number(value));
        }
        return "[" + String.join(",", texts) + "]";
    }

    private static String number(double value) {
        return Double.toString(value); // a JSON number (1.5, 2.0E-4)
    }
}
