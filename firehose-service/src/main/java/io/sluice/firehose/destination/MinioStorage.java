package io.sluice.firehose.destination;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import io.minio.errors.MinioException;
import io.sluice.firehose.config.FirehoseProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Component;

/**
 * The configured S3 endpoint (MinIO, or the launcher's embedded server) through the MinIO client:
 * bucket probes and object uploads (multipart for large objects, as the client decides).
 */
@Component
class MinioStorage implements BucketProbe, ObjectSink {
    private final MinioClient client;

    MinioStorage(FirehoseProperties properties) {
        FirehoseProperties.S3 s3 = properties.s3();
        this.client = MinioClient.builder()
                .endpoint(s3.endpoint().toString())
                .credentials(s3.accessKey(), s3.secretKey())
                .region(properties.region())
                .build();
    }

    @Override
    public boolean exists(String bucket) throws IOException {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not ask S3 whether bucket " + bucket + " exists: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String bucket, String key, Path file, String contentType) throws IOException {
        try {
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString())
                    .contentType(contentType).build());
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not write s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
