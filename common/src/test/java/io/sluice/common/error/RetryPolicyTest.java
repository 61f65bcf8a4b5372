package io.sluice.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.background();

    @Test
    void throttlingAndUnavailabilityAreRetried() {
        assertThat(policy.isRetriable(ErrorCode.LIMIT_EXCEEDED.exception("busy"))).isTrue();
        assertThat(policy.isRetriable(ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION.exception("down"))).isTrue();
        assertThat(policy.isRetriable(ErrorCode.PROVISIONED_THROUGHPUT_EXCEEDED.exception("slow down"))).isTrue();
    }

    @Test
    void badInputAndMissingResourcesAreNot() {
        assertThat(policy.isRetriable(ErrorCode.VALIDATION.exception("bad"))).isFalse();
        assertThat(policy.isRetriable(ErrorCode.RESOURCE_NOT_FOUND.exception("gone"))).isFalse();
        assertThat(policy.isRetriable(ErrorCode.ACCESS_DENIED.exception("no"))).isFalse();
    }

    @Test
    void ioAndTransientDatabaseFailuresAreRetriedThroughWrappers() {
        assertThat(policy.isRetriable(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(policy.isRetriable(new CompletionException(new SQLTransientConnectionException("pool")))).isTrue();
        assertThat(policy.isRetriable(new RuntimeException("wrapped", ErrorCode.VALIDATION.exception("bad")))).isFalse();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RetryPolicy p = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(700));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(700));
        assertThat(p.backoff(60)).isEqualTo(Duration.ofMillis(700));
    }
}
