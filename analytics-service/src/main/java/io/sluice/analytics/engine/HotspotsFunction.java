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
    private final int rowtime;
    private transient ArrayDeque<DoublePoint> window;
    private transient DBSCANClusterer<DoublePoint> dbscan;

    private HotspotsFunction(Step.Hotspots step, int[] numeric, int rowtime) {
        this.step = step;
        this.numeric = numeric.clone();
        this.rowtime = rowtime;
    }

    /** Registers the step's output view: the input's columns, HOTSPOTS_RESULT, ROWTIME. */
    static void apply(StreamTableEnvironment tables, Step.Hotspots step) {
        Table input = tables.from(LegacyView.quote(step.input()));
        ResolvedSchema schema = input.getResolvedSchema();
        List<String> inputNames = schema.getColumnNames();
        List<DataType> inputTypes = LegacyView.plainTypes(schema);
        int[] numeric = RandomCutForestScores.numericColumns(inputTypes, "HOTSPOTS");
        int rowtime = inputNames.indexOf("ROWTIME");
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < inputNames.size(); i++) {
            if (i != rowtime) {
                names.add(inputNames.get(i));
                types.add(inputTypes.get(i));
            }
        }
        names.add(Step.Hotspots.RESULT);
        types.add(DataTypes.STRING());
        names.add("ROWTIME");
        types.add(DataTypes.TIMESTAMP(3));
        DataStream<Row> rows = tables.toDataStream(input)
                .process(new HotspotsFunction(step, numeric, rowtime), ExternalTypeInfo.of(LegacyView.rowType(names, types)))
                .name("HOTSPOTS");
        tables.createTemporaryView(LegacyView.quote(step.output()), tables.fromDataStream(rows, LegacyView.schema(names, types)));
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
        Row result = Row.withPositions(row.getArity() + 1);
        int at = 0;
        for (int i = 0; i < row.getArity(); i++) {
            if (i != rowtime) {
                result.setField(at++, row.getField(i));
            }
        }
        result.setField(at++, hotspots(dbscan.cluster(window)));
        result.setField(at, row.getField(rowtime));
        out.collect(result);
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
