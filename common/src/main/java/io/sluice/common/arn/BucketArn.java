package io.sluice.common.arn;

import java.util.Optional;
import java.util.regex.Pattern;

/** The ARN of an S3 bucket, a Firehose destination: {@code arn:aws:s3:::<bucket>} (no region, no account). */
public record BucketArn(String bucket) {
    /** S3's bucket naming rules: 3–63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public static Optional<BucketArn> parse(String text) {
        return Arn.parse(text)
                .filter(a -> a.service().equals("s3") && a.region().isEmpty() && a.accountId().isEmpty())
                .filter(a -> NAME.matcher(a.resource()).matches())
                .map(a -> new BucketArn(a.resource()));
    }

    @Override
    public String toString() {
        return "arn:aws:s3:::" + bucket;
    }
}
