package io.sluice.endpoint.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestTailsTest {
    private static final Duration LASTS = Duration.ofMinutes(1);

    /** A tail that sends nothing and goes on until its events close, counting down when it has ended. */
    private static RestTails.Tail quiet(CountDownLatch ended) {
        return events -> {
            try {
                while (events.isOpen()) {
                    Thread.sleep(10);
                }
            } finally {
                ended.countDown();
            }
        };
    }

    @Test
    void atMostMaxTailsAreOpenAndAPreparationThatFailsTakesNoPlace() throws Exception {
        RestTails tails = new RestTails();
        tails.start();
        try {
            assertThatThrownBy(() -> tails.open(LASTS, "a tail", () -> {
                throw ErrorCode.RESOURCE_NOT_FOUND.exception("Stream x is not found.");
            })).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
            CountDownLatch ended = new CountDownLatch(RestTails.MAX_TAILS);
            for (int i = 0; i < RestTails.MAX_TAILS; i++) {
                assertThat(tails.open(LASTS, "tail " + i, () -> quiet(ended))).isNotNull();
            }
            assertThat(tails.openTails()).isEqualTo(RestTails.MAX_TAILS);
            assertThatThrownBy(() -> tails.open(LASTS, "one too many", () -> quiet(new CountDownLatch(1))))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
        } finally {
            tails.stop();
        }
    }

    @Test
    void stoppingEndsEveryOpenTailAndRefusesNewOnes() throws Exception {
        RestTails tails = new RestTails();
        tails.start();
        CountDownLatch ended = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            tails.open(LASTS, "tail " + i, () -> quiet(ended));
        }
        assertThat(ended.await(200, TimeUnit.MILLISECONDS)).as("the tails go on by themselves").isFalse();
        tails.stop();
        assertThat(ended.await(5, TimeUnit.SECONDS)).as("every tail ended").isTrue();
        assertThat(tails.isRunning()).isFalse();
        assertThatThrownBy(() -> tails.open(LASTS, "after the stop", () -> quiet(new CountDownLatch(1))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }
}
