package io.sluice.firehose.destination;

import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.storage.S3Buckets;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The configured S3 endpoints (MinIO, or the launcher's embedded server) as delivery reaches them:
 * the shared {@link S3Buckets} of {@code sluice.firehose.s3} (a bucket configured under
 * {@code sluice.firehose.s3.buckets} at its own endpoint with its own credentials).
 */
@Component
class MinioStorage implements BucketProbe, ObjectSink {
    private final S3Buckets buckets;

    MinioStorage(FirehoseProperties properties) {
        this.buckets = new S3Buckets(properties.s3(), properties.region());
    }

    @Override
    public boolean exists(String bucket) throws IOException {
        return buckets.exists(bucket);
    }

    @Override
    public void put(String bucket, String key, Path file, String contentType) throws IOException {
        buckets.put(bucket, key, file, contentType);
    }
}
