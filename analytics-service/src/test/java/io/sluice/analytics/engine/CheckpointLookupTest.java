package io.sluice.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.config.AnalyticsProperties;
import io.sluice.analytics.flink.FlinkCluster;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a restarted application resumes from: the newest checkpoint of its job that completed
 * (has its {@code _metadata}), on a local state directory and on an S3 one, as a session
 * cluster's task managers share it (the embedded S3 server here, MinIO when deployed).
 */
class CheckpointLookupTest {
    private static final String JOB = "4b1ac7cbd4e7c6a4e1e3a1d0b9f2e7aa";

    @Test
    void theNewestCompletedCheckpointOnS3() {
        FlinkJobs jobs = jobs(Map.of("sluice.analytics.s3.endpoint", SharedEngines.s3().endpoint().toString()));
        try (S3Client s3 = AwsClients.s3(SharedEngines.s3().endpoint())) {
            s3.createBucket(b -> b.bucket("flink-state"));
            String dir = "s3://flink-state/applications/checkpoints/000000000000-app";
            assertThat(jobs.latestCheckpoint(dir, JOB)).isNull();
            for (String key : new String[] {"chk-2/_metadata", "chk-9/_metadata", "chk-10/_metadata", "chk-11/part-0", "shared/x"}) {
                s3.putObject(b -> b.bucket("flink-state").key("applications/checkpoints/000000000000-app/" + JOB + "/" + key),
                        RequestBody.fromString("state"));
            }
            assertThat(jobs.latestCheckpoint(dir, JOB)).isEqualTo(dir + "/" + JOB + "/chk-10");
            assertThat(jobs.latestCheckpoint("s3://no-such-bucket/checkpoints", JOB)).isNull();
        }
    }

    @Test
    void theNewestCompletedCheckpointInADirectory(@TempDir Path dir) throws Exception {
        FlinkJobs jobs = jobs(Map.of());
        assertThat(jobs.latestCheckpoint(dir.toUri().toString(), JOB)).isNull();
        for (String completed : new String[] {"chk-3", "chk-12"}) {
            Files.createDirectories(dir.resolve(JOB).resolve(completed));
            Files.writeString(dir.resolve(JOB).resolve(completed).resolve("_metadata"), "state");
        }
        Files.createDirectories(dir.resolve(JOB).resolve("chk-13"));
        assertThat(jobs.latestCheckpoint(dir.toUri().toString(), JOB)).endsWith(JOB + "/chk-12");
    }

    private static FlinkJobs jobs(Map<String, String> settings) {
        AnalyticsProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("sluice.analytics", AnalyticsProperties.class);
        DefaultListableBeanFactory none = new DefaultListableBeanFactory();
        return new FlinkJobs(none.getBeanProvider(FlinkCluster.class), properties);
    }
}
