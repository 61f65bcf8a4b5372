package io.sluice.local;

import static io.sluice.local.KinesisErrorsIT.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testsupport.KinesisStreams;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputResponse;

/**
 * The last two Kinesis operations, through the SDK: an account's minimum throughput billing
 * commitment (24 hours at least; disabled early, it ends when it may) and the warm throughput of an
 * ON_DEMAND stream, which splits the stream ahead of the load into the shards that hold it.
 */
class CapacityIT {

    /** The platform is shared: no commitment is left to the other tests (a commitment ends only once its day is over). */
    @AfterEach
    void endTheCommitmentAndResetTheClock() {
        try (KinesisClient kinesis = Platform.kinesis()) {
            startWithoutCommitment(kinesis);
        } finally {
            Platform.CLOCK.reset();
        }
    }

    @Test
    void aCommitmentLastsADayAndEndsWhenItMay() {
        try (KinesisClient kinesis = Platform.kinesis()) {
            startWithoutCommitment(kinesis);
            Instant now = Platform.CLOCK.instant();
            MinimumThroughputBillingCommitmentOutput enabled = kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(
                    c -> c.status(MinimumThroughputBillingCommitmentInputStatus.ENABLED))).minimumThroughputBillingCommitment();
            assertThat(enabled.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
            assertThat(enabled.earliestAllowedEndAt()).isEqualTo(enabled.startedAt().plus(Duration.ofHours(24)));
            assertThat(Duration.between(now, enabled.startedAt()).abs()).isLessThan(Duration.ofSeconds(5));

            MinimumThroughputBillingCommitmentOutput ending = disable(kinesis);
            assertThat(ending.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
            MinimumThroughputBillingCommitmentOutput again = kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(
                    c -> c.status(MinimumThroughputBillingCommitmentInputStatus.ENABLED))).minimumThroughputBillingCommitment();
            assertThat(again.status()).as("enabling again cancels the end").isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
            assertThat(again.startedAt()).isEqualTo(enabled.startedAt());

            disable(kinesis);
            Platform.CLOCK.advance(Duration.ofHours(25));
            MinimumThroughputBillingCommitmentOutput ended = kinesis.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment();
            assertThat(ended.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);
            assertThat(ended.endedAt()).isEqualTo(enabled.earliestAllowedEndAt());
            assertThat(errorOf(() -> kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status("PAUSED")))))
                    .isEqualTo("ValidationException");
        }
    }

    @Test
    void warmThroughputSplitsAnOnDemandStreamAheadOfTheLoad() {
        try (KinesisClient kinesis = Platform.kinesis()) {
            kinesis.createStream(b -> b.streamName("warm-on-demand").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
            kinesis.createStream(b -> b.streamName("warm-provisioned").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "warm-on-demand");
            KinesisStreams.awaitActive(kinesis, "warm-provisioned");
            startWithoutCommitment(kinesis);
            assertThat(errorOf(() -> kinesis.updateStreamWarmThroughput(b -> b.streamName("warm-on-demand").warmThroughputMiBps(10))))
                    .as("no commitment").isEqualTo("InvalidArgumentException");
            kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status(MinimumThroughputBillingCommitmentInputStatus.ENABLED)));
            assertThat(errorOf(() -> kinesis.updateStreamWarmThroughput(b -> b.streamName("warm-provisioned").warmThroughputMiBps(10))))
                    .as("PROVISIONED").isEqualTo("InvalidArgumentException");
            assertThat(errorOf(() -> kinesis.updateStreamWarmThroughput(b -> b.streamName("warm-on-demand").warmThroughputMiBps(10_241))))
                    .as("over 10 GiB/s").isEqualTo("LimitExceededException");

            UpdateStreamWarmThroughputResponse updated = kinesis.updateStreamWarmThroughput(b -> b.streamName("warm-on-demand")
                    .warmThroughputMiBps(10));
            assertThat(updated.warmThroughput().targetMiBps()).isEqualTo(10);
            assertThat(updated.warmThroughput().currentMiBps()).as("four shards of 1 MiB/s").isEqualTo(4);
            KinesisStreams.awaitActive(kinesis, "warm-on-demand");
            var summary = kinesis.describeStreamSummary(b -> b.streamName("warm-on-demand")).streamDescriptionSummary();
            assertThat(summary.openShardCount()).isEqualTo(10);
            assertThat(summary.warmThroughput().targetMiBps()).isEqualTo(10);
            assertThat(summary.warmThroughput().currentMiBps()).isEqualTo(10);
            assertThat(kinesis.describeStreamSummary(b -> b.streamName("warm-provisioned")).streamDescriptionSummary().warmThroughput())
                    .as("only ON_DEMAND streams have one").isNull();
            disable(kinesis);
        }
    }

    /** Whatever commitment there is ends: disabled, and once it may end, disabled for good. */
    private static void startWithoutCommitment(KinesisClient kinesis) {
        MinimumThroughputBillingCommitmentOutput current = disable(kinesis);
        if (current.status() == MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END) {
            Platform.CLOCK.advance(Duration.between(Platform.CLOCK.instant(), current.earliestAllowedEndAt()).plusSeconds(1));
            disable(kinesis);
        }
        assertThat(kinesis.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment().status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);
    }

    private static MinimumThroughputBillingCommitmentOutput disable(KinesisClient kinesis) {
        return kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(
                c -> c.status(MinimumThroughputBillingCommitmentInputStatus.DISABLED))).minimumThroughputBillingCommitment();
    }
}
