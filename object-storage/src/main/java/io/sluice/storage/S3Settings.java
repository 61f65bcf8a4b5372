package io.sluice.storage;

import java.io.Serializable;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service's S3 buckets are, bound from its {@code <service>.s3.*} properties (and carried
 * into Flink jobs that read objects, hence serializable).
 *
 * @param endpoint the S3 API endpoint (MinIO's port by default; the launcher hands over its
 *     embedded S3 server's), addressed path-style
 * @param accessKey the access key requests are signed with (MinIO's default; the embedded server takes any)
 * @param secretKey its secret key
 * @param buckets buckets kept on another S3 endpoint, by name: each with its own endpoint and
 *     credentials (a bucket not named here is reached with the ones above)
 */
public record S3Settings(
        @DefaultValue("http://127.0.0.1:9000") URI endpoint,
        @DefaultValue("minioadmin") String accessKey,
        @DefaultValue("minioadmin") String secretKey,
        @DefaultValue Map<String, Endpoint> buckets) implements Serializable {

    public S3Settings {
        buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
    }

    /** An S3 endpoint and the credentials it is signed for (unset parts: the default endpoint's). */
    public record Endpoint(URI endpoint, String accessKey, String secretKey) implements Serializable {
    }

    /** The endpoint and credentials of a bucket. */
    public Endpoint endpointOf(String bucket) {
        Endpoint own = buckets.get(bucket);
        if (own == null) {
            return new Endpoint(endpoint, accessKey, secretKey);
        }
        return new Endpoint(own.endpoint() == null ? endpoint : own.endpoint(), own.accessKey() == null ? accessKey : own.accessKey(),
                own.secretKey() == null ? secretKey : own.secretKey());
    }
}
