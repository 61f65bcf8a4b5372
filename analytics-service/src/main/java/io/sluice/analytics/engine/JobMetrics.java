package io.sluice.analytics.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's own metrics (those its operators register under {@value ApplicationMetrics#GROUP}), read
 * through the Flink cluster's REST API: each vertex lists its metrics as
 * {@code <subtask>.<operator>.sluice.<name>}, and the values of every subtask and operator add up.
 *
 * @param state the job's state (RUNNING, RESTARTING, FAILED…)
 * @param inputRecords records the job's inputs took since it started
 * @param outputRecords rows it wrote to its outputs since it started
 * @param millisBehindLatest how long ago the last record its inputs took had arrived (the most of its readers)
 */
record JobMetrics(String state, long inputRecords, long outputRecords, long millisBehindLatest) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    static JobMetrics read(URI rest, String jobId) throws IOException, InterruptedException {
        JsonNode job = get(rest, "/jobs/" + jobId);
        long input = 0;
        long output = 0;
        long behind = 0;
        for (JsonNode vertex : job.path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/metrics";
            List<String> ours = new ArrayList<>();
            for (JsonNode metric : get(rest, path)) {
                if (metric.path("id").asText().contains("." + ApplicationMetrics.GROUP + ".")) {
                    ours.add(metric.path("id").asText());
                }
            }
            if (ours.isEmpty()) {
                continue;
            }
            String ids = String.join(",", ours.stream().map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8)).toList());
            for (JsonNode value : get(rest, path + "?get=" + ids)) {
                String id = value.path("id").asText();
                long v = (long) Double.parseDouble(value.path("value").asText("0"));
                if (id.endsWith("." + ApplicationMetrics.INPUT_RECORDS)) {
                    input += v;
                } else if (id.endsWith("." + ApplicationMetrics.OUTPUT_RECORDS)) {
                    output += v;
                } else if (id.endsWith("." + ApplicationMetrics.MILLIS_BEHIND_LATEST)) {
                    behind = Math.max(behind, v);
                }
            }
        }
        return new JobMetrics(job.path("state").asText(), input, output, behind);
    }

    private static JsonNode get(URI rest, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("Flink answered " + response.statusCode() + " to " + path);
        }
        return JSON.readTree(response.body());
    }
}
