package io.sluice.firehose.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Firehose service, bound from {@code sluice.firehose.*}.
 *
 * @param accountId the account every request is served as, until access keys map to accounts
 * @param region the region in ARNs
 * @param s3 the S3-compatible storage delivery streams write to
 * @param transitionDelay how long a new delivery stream stays CREATING (and a deleted one DELETING)
 *     before it turns ACTIVE (or is gone), as Firehose takes a few seconds
 */
@ConfigurationProperties("sluice.firehose")
public record FirehoseProperties(
        @DefaultValue("000000000000") String accountId,
        @DefaultValue("us-east-1") String region,
        @DefaultValue S3 s3,
        @DefaultValue("500ms") java.time.Duration transitionDelay) {

    /**
     * @param endpoint the S3 API endpoint (MinIO's port by default; the launcher hands over its
     *     embedded S3 server's), addressed path-style
     * @param accessKey the access key delivery signs with (MinIO's default; the embedded server takes any)
     * @param secretKey its secret key
     */
    public record S3(
            @DefaultValue("http://127.0.0.1:9000") java.net.URI endpoint,
            @DefaultValue("minioadmin") String accessKey,
            @DefaultValue("minioadmin") String secretKey) {
    }
}
