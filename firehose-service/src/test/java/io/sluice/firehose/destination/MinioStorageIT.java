package io.sluice.firehose.destination;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engines.EmbeddedS3;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Objects go to the S3 endpoint of their bucket: one named in the settings, or the default one. */
class MinioStorageIT {

    @Test
    void aBucketConfiguredElsewhereIsWrittenThereAndTheOthersAtTheDefaultEndpoint(@TempDir Path dir) throws Exception {
        try (EmbeddedS3 elsewhere = EmbeddedS3.start(dir.resolve("s3"), 0);
                S3Client other = AwsClients.s3(elsewhere.endpoint());
                S3Client shared = AwsClients.s3(SharedEngines.s3().endpoint())) {
            other.createBucket(b -> b.bucket("remote-lake"));
            shared.createBucket(b -> b.bucket("local-lake"));
            FirehoseProperties properties = new FirehoseProperties("000000000000", "us-east-1",
                    new FirehoseProperties.S3(SharedEngines.s3().endpoint(), "a", "b",
                            Map.of("remote-lake", new FirehoseProperties.Endpoint(elsewhere.endpoint(), "c", "d"))),
                    null, null, null, java.time.Duration.ZERO, java.time.Duration.ZERO, 5000, null, null);
            MinioStorage storage = new MinioStorage(properties);
            Path file = Files.writeString(dir.resolve("object"), "hello");

            assertThat(storage.exists("remote-lake")).isTrue();
            assertThat(storage.exists("local-lake")).isTrue();
            storage.put("remote-lake", "k/remote", file, "application/octet-stream");
            storage.put("local-lake", "k/local", file, "application/octet-stream");
            assertThat(other.getObjectAsBytes(b -> b.bucket("remote-lake").key("k/remote")).asUtf8String()).isEqualTo("hello");
            assertThat(shared.getObjectAsBytes(b -> b.bucket("local-lake").key("k/local")).asUtf8String()).isEqualTo("hello");
        }
    }
}
