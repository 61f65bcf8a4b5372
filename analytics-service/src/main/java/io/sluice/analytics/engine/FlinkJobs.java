package io.sluice.analytics.engine;

import io.sluice.analytics.flink.FlinkCluster;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.springframework.stereotype.Component;

/** The Flink cluster's jobs, through its REST API: stop with a savepoint, cancel. */
@Component
class FlinkJobs implements io.sluice.analytics.application.ApplicationJobs {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final FlinkCluster cluster;

    FlinkJobs(org.springframework.beans.factory.ObjectProvider<FlinkCluster> handedOver, io.sluice.analytics.config.AnalyticsProperties properties) {
        this.cluster = io.sluice.analytics.config.AnalyticsConfiguration.clusterOf(handedOver, properties);
    }

    URI restAddress() {
        return cluster.restAddress();
    }

    /** @return the savepoint's path */
    String stopWithSavepoint(String jobId, String directory) throws Exception {
        try (RestClusterClient<StandaloneClusterId> client = client()) {
            return client.stopWithSavepoint(JobID.fromHexString(jobId), false, directory, SavepointFormatType.CANONICAL)
                    .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Override
    public void cancel(io.sluice.analytics.application.Application application) {
        if (application.run() != null && application.run().jobId() != null) {
            cancel(application.run().jobId());
        }
    }

    void cancel(String jobId) {
        try (RestClusterClient<StandaloneClusterId> client = client()) {
            client.cancel(JobID.fromHexString(jobId)).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            // Gone already.
        }
    }

    private RestClusterClient<StandaloneClusterId> client() throws Exception {
        URI rest = cluster.restAddress();
        Configuration config = new Configuration();
        config.set(RestOptions.ADDRESS, rest.getHost());
        config.set(RestOptions.PORT, rest.getPort());
        return new RestClusterClient<>(config, StandaloneClusterId.getInstance());
    }
}
