package io.sluice.common.arn;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ARN of a Kinesis data stream: {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
public record StreamArn(String region, String accountId, String streamName) {
    private static final Pattern FORMAT = Pattern.compile("arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/(\\S+)");

    public static Optional<StreamArn> parse(String arn) {
        Matcher m = arn == null ? null : FORMAT.matcher(arn);
        return m != null && m.matches()
                ? Optional.of(new StreamArn(m.group(1), m.group(2), m.group(3)))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }
}
