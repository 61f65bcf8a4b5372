package io.sluice.common.arn;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ARN of a Kinesis Analytics (SQL) application:
 * {@code arn:aws:kinesisanalytics:<region>:<account>:application/<name>}.
 */
public record ApplicationArn(String region, String accountId, String applicationName) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    public static Optional<ApplicationArn> parse(String text) {
        return Arn.parse(text)
                .filter(a -> a.service().equals("kinesisanalytics") && a.accountId().matches("\\d{12}")
                        && a.resourceType().equals("application"))
                .map(a -> new ApplicationArn(a.region(), a.accountId(), a.resource().substring("application/".length())))
                .filter(a -> NAME.matcher(a.applicationName()).matches());
    }

    @Override
    public String toString() {
        return "arn:aws:kinesisanalytics:" + region + ":" + accountId + ":application/" + applicationName;
    }
}
