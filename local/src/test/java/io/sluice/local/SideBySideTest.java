package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    /** A part that can tell whether it was closed. */
    private static final class Part implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void partsStartAtTheSameTime() throws Exception {
        // Each part waits for the other to have begun: one after the other, the first would wait in vain.
        CountDownLatch begun = new CountDownLatch(2);
        SideBySide parts = new SideBySide();
        var first = parts.start("first", () -> meet(begun));
        var second = parts.start("second", () -> meet(begun));

        parts.await();

        assertThat(first.join().closed).isFalse();
        assertThat(second.join().closed).isFalse();
    }

    @Test
    void aFailureClosesThePartsThatStartedAndIsThrownAsItWas() {
        IOException portTaken = new IOException("port taken");
        SideBySide parts = new SideBySide();
        var started = parts.start("started", Part::new);
        parts.start("failing", () -> {
            throw portTaken;
        });

        assertThatThrownBy(parts::await).isSameAs(portTaken);
        assertThat(started.join().closed).isTrue();
    }

    @Test
    void theFirstOfTwoFailuresIsThrownWithTheSecondSuppressed() {
        IllegalStateException first = new IllegalStateException("first");
        IOException second = new IOException("second");
        SideBySide parts = new SideBySide();
        parts.start("one", () -> {
            throw first;
        });
        parts.start("two", () -> {
            throw second;
        });

        assertThatThrownBy(parts::await).isSameAs(first);
        assertThat(first.getSuppressed()).containsExactly(second);
    }

    private static Part meet(CountDownLatch begun) throws InterruptedException {
        begun.countDown();
        if (!begun.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the other part did not begin while this one ran");
        }
        return new Part();
    }
}
