package io.sluice.firehose.destination;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import io.minio.errors.MinioException;
import io.sluice.firehose.config.FirehoseProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The configured S3 endpoints (MinIO, or the launcher's embedded server) through the MinIO client:
 * bucket probes and object uploads (multipart for large objects, as the client decides). A bucket
 * configured under {@code sluice.firehose.s3.buckets} is reached at its own endpoint with its own
 * credentials, every other one at the default endpoint.
 */
@Component
class MinioStorage implements BucketProbe, ObjectSink {
    private final MinioClient defaultClient;
    private final Map<String, MinioClient> bucketClients = new HashMap<>();

    MinioStorage(FirehoseProperties properties) {
        FirehoseProperties.S3 s3 = properties.s3();
        this.defaultClient = client(s3.endpoint(), s3.accessKey(), s3.secretKey(), properties.region());
        if (s3.buckets() != null) {
            s3.buckets().forEach((bucket, endpoint) -> bucketClients.put(bucket, client(
                    endpoint.endpoint() == null ? s3.endpoint() : endpoint.endpoint(),
                    endpoint.accessKey() == null ? s3.accessKey() : endpoint.accessKey(),
                    endpoint.secretKey() == null ? s3.secretKey() : endpoint.secretKey(), properties.region())));
        }
    }

    private static MinioClient client(java.net.URI endpoint, String accessKey, String secretKey, String region) {
        return MinioClient.builder().endpoint(endpoint.toString()).credentials(accessKey, secretKey).region(region).build();
    }

    private MinioClient clientOf(String bucket) {
        return bucketClients.getOrDefault(bucket, defaultClient);
    }

    @Override
    public boolean exists(String bucket) throws IOException {
        try {
            return clientOf(bucket).bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not ask S3 whether bucket " + bucket + " exists: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String bucket, String key, Path file, String contentType) throws IOException {
        try {
            clientOf(bucket).uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString())
                    .contentType(contentType).build());
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not write s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
