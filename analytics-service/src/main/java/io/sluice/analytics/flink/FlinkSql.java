package io.sluice.analytics.flink;

import io.sluice.kafka.directory.StreamLocation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Flink SQL over Sluice streams on a {@link FlinkCluster}: each stream is registered as a view whose
 * columns are {@link StreamRecordDeserializer#COLUMNS}, and a query runs as a job on the cluster.
 */
public final class FlinkSql {
    private final FlinkCluster cluster;
    private final String bootstrapServers;

    public FlinkSql(FlinkCluster cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Runs a bounded query: every stream is read to the end it has when the job starts, and the
     * query's final rows are returned.
     *
     * @param views the streams the query reads, by the view name it uses for each
     */
    public List<Row> query(java.util.Map<String, StreamLocation> views, String sql) throws Exception {
        URI rest = cluster.restAddress();
        try (StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(
                rest.getHost(), rest.getPort(), new Configuration())) {
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
            StreamTableEnvironment tables = StreamTableEnvironment.create(env, EnvironmentSettings.inBatchMode());
            views.forEach((name, location) -> {
                DataStream<Row> rows = env.fromSource(
                        StreamSources.of(location, bootstrapServers, "sluice-sql-" + name, true),
                        WatermarkStrategy.noWatermarks(), location.streamName());
                tables.createTemporaryView(name, rows);
            });
            List<Row> result = new ArrayList<>();
            try (CloseableIterator<Row> rows = tables.executeSql(sql).collect()) {
                rows.forEachRemaining(result::add);
            }
            return result;
        }
    }
}
