package io.sluice.common.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundStepsTest {

    @Test
    void aStepFailingForAPassingReasonRunsAgainUntilItSucceeds() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        try (BackgroundSteps steps = new BackgroundSteps("test-steps", new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(4)))) {
            steps.execute("flaky step", () -> {
                if (runs.incrementAndGet() < 3) {
                    throw new IOException("not yet");
                }
                done.countDown();
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runs).hasValue(3);
    }

    @Test
    void aPermanentFailureIsNotRetriedAndNothingRunsAfterClose() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        BackgroundSteps steps = new BackgroundSteps("test-steps", new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(4)));
        steps.execute("doomed step", () -> {
            runs.incrementAndGet();
            throw ErrorCode.VALIDATION.exception("bad");
        });
        Thread.sleep(100);
        steps.close();
        steps.schedule("late step", Duration.ZERO, runs::incrementAndGet);
        Thread.sleep(50);
        assertThat(runs).hasValue(1);
    }
}
