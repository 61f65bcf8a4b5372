package io.sluice.streams.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.stream.StreamDeleted;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShardThroughputTest {
    private static final long MIB = 1 << 20;
    private final Shard shard = Shard.opened(0, HashKeyRange.evenSplit(1).get(0), null, null, Instant.EPOCH);
    private final Stream stream = new Stream(1, new StreamKey("000000000000", "us-east-1", "s"), "topic-s", StreamStatus.ACTIVE,
            StreamMode.PROVISIONED, 24, "NONE", null, null, 1024, List.of(), Instant.EPOCH, List.of(shard));
    private long now = 1_000_000_000L;

    private ShardThroughput throughput(boolean enabled, double scale) {
        return new ShardThroughput(new StreamsProperties.Throughput(enabled, scale, MIB, 1000, 2 * MIB, 5), () -> now);
    }

    private int admitted(ShardThroughput throughput, int records, long bytes) {
        int admitted = 0;
        for (int i = 0; i < records; i++) {
            admitted += throughput.admitWrite(stream, shard, bytes) ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void writesAreLimitedToAThousandRecordsASecondAndRefillSteadily() {
        ShardThroughput throughput = throughput(true, 1.0);
        assertThat(admitted(throughput, 1500, 10)).isEqualTo(1000);
        now += TimeUnit.MILLISECONDS.toNanos(250);
        assertThat(admitted(throughput, 1000, 10)).isEqualTo(250);
        now += TimeUnit.SECONDS.toNanos(10);
        assertThat(admitted(throughput, 5000, 10)).as("at most one second's worth after a pause").isEqualTo(1000);
    }

    @Test
    void writesAreLimitedToOneMebibyteASecondAndARefusedRecordUsesNothing() {
        ShardThroughput throughput = throughput(true, 1.0);
        assertThat(admitted(throughput, 10, 200 * 1024)).isEqualTo(5);
        assertThat(throughput.admitWrite(stream, shard, 24 * 1024)).as("the bytes left after five 200 KiB records").isTrue();
        now += TimeUnit.MILLISECONDS.toNanos(500);
        assertThat(admitted(throughput, 1, 600 * 1024)).isZero();
        assertThat(admitted(throughput, 1, 500 * 1024)).isOne();
    }

    @Test
    void aRecordLargerThanTheRateIsTakenFromAFullBucketAndLeavesDebt() {
        ShardThroughput throughput = throughput(true, 1.0);
        assertThat(throughput.admitWrite(stream, shard, 4 * MIB)).isTrue();
        now += TimeUnit.SECONDS.toNanos(2);
        assertThat(throughput.admitWrite(stream, shard, 1)).as("still 1 MiB in debt").isFalse();
        now += TimeUnit.SECONDS.toNanos(2);
        assertThat(throughput.admitWrite(stream, shard, 1)).isTrue();
    }

    @Test
    void readsAreLimitedToFiveCallsAndTwoMebibytesASecond() {
        ShardThroughput throughput = throughput(true, 1.0);
        for (int i = 0; i < 5; i++) {
            throughput.admitRead(stream, shard);
        }
        assertThatThrownBy(() -> throughput.admitRead(stream, shard))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVISIONED_THROUGHPUT_EXCEEDED);
                    assertThat(e.getMessage()).isEqualTo(
                            "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000.");
                });
        now += TimeUnit.SECONDS.toNanos(1);
        throughput.admitRead(stream, shard);
        throughput.recordRead(stream, shard, 10 * MIB);
        now += TimeUnit.SECONDS.toNanos(3);
        assertThatThrownBy(() -> throughput.admitRead(stream, shard)).as("10 MiB read: 8 MiB of debt at 2 MiB/s")
                .isInstanceOf(AwsException.class);
        now += TimeUnit.MILLISECONDS.toNanos(1100);
        throughput.admitRead(stream, shard);
    }

    @Test
    void scaleMultipliesTheRatesAndDisabledLimitsNothing() {
        assertThat(admitted(throughput(true, 2.0), 5000, 10)).isEqualTo(2000);
        assertThat(admitted(throughput(true, 0.1), 5000, 10)).isEqualTo(100);
        ShardThroughput off = throughput(false, 1.0);
        assertThat(admitted(off, 5000, 1 << 20)).isEqualTo(5000);
        for (int i = 0; i < 100; i++) {
            off.admitRead(stream, shard);
        }
    }

    @Test
    void aDeletedStreamStartsAfreshWhenItsNameIsReused() {
        ShardThroughput throughput = throughput(true, 1.0);
        assertThat(admitted(throughput, 1000, 10)).isEqualTo(1000);
        throughput.forget(new StreamDeleted(stream.key(), stream.topic()));
        assertThat(admitted(throughput, 1000, 10)).isEqualTo(1000);
    }
}
