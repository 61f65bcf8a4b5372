package io.sluice.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.messages.Item;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buckets of an {@link S3Settings} through the MinIO client, each at its endpoint with its
 * credentials: bucket probes, uploads (multipart for large objects, as the client decides) and
 * whole-object reads.
 */
public final class S3Buckets {
    private final S3Settings settings;
    private final String region;
    private final Map<S3Settings.Endpoint, MinioClient> clients = new ConcurrentHashMap<>();

    public S3Buckets(S3Settings settings, String region) {
        this.settings = settings;
        this.region = region;
    }

    private MinioClient clientOf(String bucket) {
        return clients.computeIfAbsent(settings.endpointOf(bucket), endpoint -> MinioClient.builder().endpoint(endpoint.endpoint().toString())
                .credentials(endpoint.accessKey(), endpoint.secretKey()).region(region).build());
    }

    public boolean exists(String bucket) throws IOException {
        try {
            return clientOf(bucket).bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not ask S3 whether bucket " + bucket + " exists: " + e.getMessage(), e);
        }
    }

    public void put(String bucket, String key, Path file, String contentType) throws IOException {
        try {
            clientOf(bucket).uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString())
                    .contentType(contentType).build());
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not write s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    /** The keys of the objects under {@code prefix}, at any depth; none when the bucket does not exist. */
    public List<String> keys(String bucket, String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        try {
            for (io.minio.Result<Item> item : clientOf(bucket).listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            return keys;
        } catch (ErrorResponseException e) {
            if (missing(e)) {
                return List.of();
            }
            throw new IOException("Could not list s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e);
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not list s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e);
        }
    }

    /** An object's size, empty when the bucket or the object does not exist. */
    public Optional<Long> size(String bucket, String key) throws IOException {
        try {
            return Optional.of(clientOf(bucket).statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
        } catch (ErrorResponseException e) {
            if (missing(e)) {
                return Optional.empty();
            }
            throw new IOException("Could not ask S3 about s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not ask S3 about s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    private static boolean missing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return code.equals("NoSuchKey") || code.equals("NoSuchBucket") || code.equals("NoSuchObject");
    }

    /**
     * An object's bytes, empty when the bucket or the object does not exist.
     *
     * @throws TooLargeException when it holds more than {@code maxBytes}
     */
    public Optional<byte[]> read(String bucket, String key, long maxBytes) throws IOException {
        try {
            long size = clientOf(bucket).statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
            if (size > maxBytes) {
                throw new TooLargeException("s3://" + bucket + "/" + key + " holds " + size + " bytes, more than " + maxBytes);
            }
            try (GetObjectResponse object = clientOf(bucket).getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return Optional.of(object.readAllBytes());
            }
        } catch (ErrorResponseException e) {
            if (missing(e)) {
                return Optional.empty();
            }
            throw new IOException("Could not read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("Could not read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    /** An object larger than its reader takes. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }
}
