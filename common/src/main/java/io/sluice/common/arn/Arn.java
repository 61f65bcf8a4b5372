package io.sluice.common.arn;

import java.util.Optional;

/**
 * An Amazon Resource Name split into its parts:
 * {@code arn:<partition>:<service>:<region>:<account>:<resource>}. The typed ARNs of this package
 * ({@link StreamArn}, {@link ConsumerArn}, {@link DeliveryStreamArn}, {@link ApplicationArn},
 * {@link BucketArn}) parse through it; {@link #resourceType()} tells which one an ARN is.
 *
 * @param partition {@code aws}, {@code aws-cn}, …
 * @param service the service namespace ({@code kinesis}, {@code firehose}, {@code s3}, …)
 * @param region empty for global resources such as S3 buckets
 * @param accountId empty for S3 buckets
 * @param resource everything after the fifth colon
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    /** Splits {@code text} into the parts of an ARN; empty unless it has all six. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** The resource type: the part of the resource before its first {@code /}, or empty. */
    public String resourceType() {
        int slash = resource.indexOf('/');
        return slash < 0 ? "" : resource.substring(0, slash);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
