package io.sluice.gateway;

import java.util.Optional;

/** The AWS services the gateway serves, told apart by the X-Amz-Target prefix. */
enum AwsTarget {
    KINESIS("Kinesis_20131202.");

    private final String prefix;

    AwsTarget(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    static Optional<AwsTarget> of(String target) {
        if (target != null) {
            for (AwsTarget t : values()) {
                if (target.startsWith(t.prefix) && target.length() > t.prefix.length()) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }
}
