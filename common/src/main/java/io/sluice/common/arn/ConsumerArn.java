package io.sluice.common.arn;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN of an enhanced fan-out consumer:
 * {@code arn:aws:kinesis:<region>:<account>:stream/<stream>/consumer/<name>:<creation epoch seconds>}.
 */
public record ConsumerArn(StreamArn stream, String consumerName, long creationEpochSeconds) {
    private static final Pattern FORMAT = Pattern.compile(
            "arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):([0-9]{1,18})");

    public static Optional<ConsumerArn> parse(String arn) {
        Matcher m = arn == null ? null : FORMAT.matcher(arn);
        return m != null && m.matches()
                ? Optional.of(new ConsumerArn(new StreamArn(m.group(1), m.group(2), m.group(3)), m.group(4),
                        Long.parseLong(m.group(5))))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return stream + "/consumer/" + consumerName + ":" + creationEpochSeconds;
    }
}
