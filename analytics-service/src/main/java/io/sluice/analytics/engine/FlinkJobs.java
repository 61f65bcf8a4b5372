package io.sluice.analytics.engine;

import io.sluice.analytics.flink.FlinkCluster;
import io.sluice.storage.S3Buckets;
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
class FlinkJobs {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOOKUP_ATTEMPTS = 5;
    private static final Duration LOOKUP_BACKOFF = Duration.ofSeconds(1);

    /** A completed checkpoint's metadata object, relative to its job's directory. */
    private static final java.util.regex.Pattern COMPLETED_ON_S3 = java.util.regex.Pattern.compile("chk-(\\d+)/_metadata");

    private final FlinkCluster cluster;
    private final S3Buckets buckets;

    FlinkJobs(org.springframework.beans.factory.ObjectProvider<FlinkCluster> handedOver, io.sluice.analytics.config.AnalyticsProperties properties) {
        this.cluster = io.sluice.analytics.config.AnalyticsConfiguration.clusterOf(handedOver, properties);
        this.buckets = new S3Buckets(properties.s3(), properties.region());
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

    /** Whether the job runs on (or is about to): not finished, failed, cancelled, nor on its way to one of those. */
    boolean alive(String jobId) {
        try (RestClusterClient<StandaloneClusterId> client = client()) {
            org.apache.flink.api.common.JobStatus status = client.getJobStatus(JobID.fromHexString(jobId))
                    .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return !status.isTerminalState() && status != org.apache.flink.api.common.JobStatus.CANCELLING
                    && status != org.apache.flink.api.common.JobStatus.FAILING;
        } catch (Exception e) {
            return false; // not known to the cluster (it restarted), or not reachable
        }
    }

    /**
     * The latest completed checkpoint a job kept under {@code directory}, or null when it kept none.
     * A state directory on S3 ({@code s3://bucket/path}, as a session cluster's task managers share
     * it) is listed through the S3 API with this service's S3 settings; any other through Flink's
     * file systems.
     */
    String latestCheckpoint(String directory, String jobId) {
        URI jobDir = URI.create(directory + "/" + jobId);
        for (int attempt = 1; ; attempt++) {
            try {
                return jobDir.getScheme() != null && jobDir.getScheme().startsWith("s3")
                        ? latestOnS3(jobDir)
                        : latestOnFileSystem(new org.apache.flink.core.fs.Path(jobDir));
            } catch (java.io.IOException e) {
                // Not "no checkpoint": resuming from the start would process the input again. Try again, then give up loudly.
                if (attempt == LOOKUP_ATTEMPTS) {
                    throw new java.io.UncheckedIOException("Could not look for the checkpoints under " + jobDir, e);
                }
                try {
                    Thread.sleep(LOOKUP_BACKOFF.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new java.io.UncheckedIOException("Interrupted while looking for the checkpoints under " + jobDir, e);
                }
            }
        }
    }

    private String latestOnS3(URI jobDir) throws java.io.IOException {
        String prefix = jobDir.getPath().replaceFirst("^/", "") + "/";
        String latest = null;
        long highest = -1;
        for (String key : buckets.keys(jobDir.getHost(), prefix)) {
            java.util.regex.Matcher checkpoint = COMPLETED_ON_S3.matcher(key.substring(prefix.length()));
            if (checkpoint.matches() && Long.parseLong(checkpoint.group(1)) > highest) {
                highest = Long.parseLong(checkpoint.group(1));
                latest = jobDir.getScheme() + "://" + jobDir.getHost() + "/" + prefix + "chk-" + highest;
            }
        }
        return latest;
    }

    private static String latestOnFileSystem(org.apache.flink.core.fs.Path jobDir) throws java.io.IOException {
        org.apache.flink.core.fs.FileSystem fs = jobDir.getFileSystem();
        if (!fs.exists(jobDir)) {
            return null;
        }
        String latest = null;
        long highest = -1;
        for (org.apache.flink.core.fs.FileStatus status : fs.listStatus(jobDir)) {
            String name = status.getPath().getName();
            if (status.isDir() && name.matches("chk-\\d+") && fs.exists(new org.apache.flink.core.fs.Path(status.getPath(), "_metadata"))) {
                long n = Long.parseLong(name.substring(4));
                if (n > highest) {
                    highest = n;
                    latest = status.getPath().toString();
                }
            }
        }
        return latest;
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
