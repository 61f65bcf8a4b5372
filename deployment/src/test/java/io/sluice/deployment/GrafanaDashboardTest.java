package io.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The provisioned Grafana dashboard asks Prometheus only for metrics the services register: each
 * CloudWatch-named series it charts is a metric name in the service's metrics class (a renamed
 * metric would leave an empty panel), read from the Prometheus name back to CloudWatch's.
 */
class GrafanaDashboardTest {
    private static final Pattern SERIES = Pattern.compile("\\b(kinesisanalytics|kinesis_shard|kinesis|firehose)_([A-Za-z0-9]+(?:_[A-Z][A-Za-z0-9]*)*)");
    private static final Map<String, String> SOURCES = Map.of(
            "kinesis", "streams-service/src/main/java/io/sluice/streams/monitoring/StreamMetrics.java",
            "kinesis_shard", "streams-service/src/main/java/io/sluice/streams/stream/ShardLevelMetric.java",
            "firehose", "firehose-service/src/main/java/io/sluice/firehose/metrics/FirehoseMetrics.java",
            "kinesisanalytics", "analytics-service/src/main/java/io/sluice/analytics/engine/ApplicationMetrics.java");

    @Test
    void everyChartedMetricIsOneAServiceRegisters() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Repository.read("docker/grafana/dashboards/sluice.json"));
        assertThat(dashboard.get("uid").asText()).isEqualTo("sluice");
        Set<String> charted = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher series = SERIES.matcher(target.get("expr").asText());
                while (series.find()) {
                    String metric = series.group(2).replace('_', '.');
                    String source = Repository.read(SOURCES.get(series.group(1)));
                    // A name in quotes where the meter is made, or an enum constant (the shard-level metrics).
                    boolean registered = source.contains("\"" + metric + "\"") || source.contains(metric + ",") || source.contains(metric + ";");
                    assertThat(registered).as("%s_%s (CloudWatch %s) in %s", series.group(1), series.group(2), metric, SOURCES.get(series.group(1)))
                            .isTrue();
                    charted.add(series.group(1).replace('_', '.') + "." + metric);
                }
            }
        }
        assertThat(charted).contains("kinesis.IncomingRecords", "kinesis.GetRecords.IteratorAgeMilliseconds", "firehose.DeliveryToS3.DataFreshness",
                "kinesisanalytics.MillisBehindLatest", "kinesis.shard.IncomingRecords");
    }
}
