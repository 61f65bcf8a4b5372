package io.sluice.common.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failed step of background work (a stream's lifecycle, a delivery to S3, an application
 * run) is worth trying again, and how long to wait first. Every service's background work asks this
 * one class, so that a throttle or an unreachable engine is retried everywhere and bad input or a
 * refused permission is given up on everywhere (the split Debezium's {@code ErrorHandler} makes).
 *
 * <p>Retried: throttling and unavailability ({@link #RETRIED_CODES}), I/O failures and time-outs,
 * transient database failures, and Kafka's retriable errors. Given up: every other AWS error (bad
 * input, a missing resource, an access denial). A failure of no known kind is retried, since a
 * background step that is dropped leaves a resource half made; callers log each retry.
 */
public final class RetryPolicy {
    /** AWS errors that say "not now" rather than "not this". */
    static final Set<ErrorCode> RETRIED_CODES = EnumSet.of(
            ErrorCode.INTERNAL_FAILURE, ErrorCode.INTERNAL_FAILURE_EXCEPTION, ErrorCode.SERVICE_UNAVAILABLE,
            ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION, ErrorCode.LIMIT_EXCEEDED, ErrorCode.PROVISIONED_THROUGHPUT_EXCEEDED,
            ErrorCode.RESOURCE_PROVISIONED_THROUGHPUT_EXCEEDED, ErrorCode.KMS_THROTTLING, ErrorCode.CONCURRENT_MODIFICATION);
    /** Kafka's marker for errors that may succeed on retry; named, since common depends on no Kafka. */
    private static final String KAFKA_RETRIABLE = "org.apache.kafka.common.errors.RetriableException";
    private static final String KAFKA_ERROR = "org.apache.kafka.common.KafkaException";

    private final Duration first;
    private final Duration max;

    /**
     * @param first the wait before the first retry
     * @param max the longest wait; waits double up to it
     */
    public RetryPolicy(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** The policy of the platform's background work: 1 s, doubling up to a minute. */
    public static RetryPolicy background() {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** Whether {@code failure}, or what caused it, is worth another try. */
    public boolean isRetriable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsException aws) {
                return RETRIED_CODES.contains(aws.code());
            }
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof TimeoutException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || isA(t.getClass(), KAFKA_RETRIABLE)) {
                return true;
            }
            if (isA(t.getClass(), KAFKA_ERROR) && t.getCause() == null) {
                return false;
            }
        }
        return true;
    }

    /** How long to wait before retry number {@code attempt} (1 for the first retry). */
    public Duration backoff(int attempt) {
        long millis = first.toMillis();
        for (int i = 1; i < attempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
