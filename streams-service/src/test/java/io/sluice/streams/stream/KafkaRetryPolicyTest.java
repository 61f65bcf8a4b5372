package io.sluice.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.error.RetryPolicy;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The shared retry policy knows Kafka's retriable errors without common depending on Kafka. */
class KafkaRetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.background();

    @Test
    void kafkasRetriableErrorsAreRetriedAndItsPermanentOnesAreNot() {
        assertThat(policy.isRetriable(new TimeoutException("no broker"))).isTrue();
        assertThat(policy.isRetriable(new ExecutionException(new NotLeaderOrFollowerException("moving")))).isTrue();
        assertThat(policy.isRetriable(new InvalidTopicException("bad name"))).isFalse();
    }
}
