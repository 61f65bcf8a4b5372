package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engines.EmbeddedS3;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Against embedded S3 servers: each bucket at its endpoint (one named in the settings, or the
 * default one), objects written and read back whole, a missing one empty, a large one refused.
 */
class S3BucketsTest {

    @Test
    void aBucketConfiguredElsewhereIsReachedThereAndTheOthersAtTheDefaultEndpoint(@TempDir Path dir) throws Exception {
        try (EmbeddedS3 elsewhere = EmbeddedS3.start(dir.resolve("s3"), 0);
                S3Client other = AwsClients.s3(elsewhere.endpoint());
                S3Client shared = AwsClients.s3(SharedEngines.s3().endpoint())) {
            S3Settings settings = new S3Settings(SharedEngines.s3().endpoint(), "a", "b",
                    Map.of("remote-lake", new S3Settings.Endpoint(elsewhere.endpoint(), "c", null)));
            assertThat(settings.endpointOf("remote-lake")).isEqualTo(new S3Settings.Endpoint(elsewhere.endpoint(), "c", "b"));
            S3Buckets buckets = new S3Buckets(settings, "us-east-1");
            assertThat(buckets.exists("remote-lake")).isFalse();
            other.createBucket(b -> b.bucket("remote-lake"));
            shared.createBucket(b -> b.bucket("local-lake"));
            assertThat(buckets.exists("remote-lake")).isTrue();
            assertThat(buckets.exists("local-lake")).isTrue();
            Path file = Files.writeString(dir.resolve("object"), "AMZN,Amazon\nQXZ,Qxz Corp\n");
            buckets.put("remote-lake", "k/remote", file, "text/csv");
            buckets.put("local-lake", "k/local", file, "text/csv");
            assertThat(other.getObjectAsBytes(b -> b.bucket("remote-lake").key("k/remote")).asUtf8String()).startsWith("AMZN");
            assertThat(shared.getObjectAsBytes(b -> b.bucket("local-lake").key("k/local")).asUtf8String()).startsWith("AMZN");

            assertThat(buckets.read("local-lake", "k/local", 1024)).hasValueSatisfying(bytes ->
                    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("AMZN,Amazon\nQXZ,Qxz Corp\n"));
            assertThat(buckets.read("local-lake", "k/missing", 1024)).isEmpty();
            assertThat(buckets.size("remote-lake", "k/remote")).contains(25L);
            assertThat(buckets.size("remote-lake", "k/missing")).isEmpty();
            assertThat(buckets.read("no-such-bucket", "k", 1024)).isEmpty();
            assertThatThrownBy(() -> buckets.read("local-lake", "k/local", 10)).isInstanceOf(S3Buckets.TooLargeException.class);
        }
    }
}
