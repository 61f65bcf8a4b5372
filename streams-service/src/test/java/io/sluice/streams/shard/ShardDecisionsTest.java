package io.sluice.streams.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.kinesis.ShardId;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.throughput.WriteRates;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure decisions of the shard package: ListShards' filters and ON_DEMAND's scaling window. */
class ShardDecisionsTest {
    private static final Instant CREATED = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant SPLIT = CREATED.plusSeconds(600);

    /** Shard 0 split at SPLIT into 1 and 2. */
    private static Stream splitStream() {
        List<HashKeyRange> halves = HashKeyRange.evenSplit(2);
        HashKeyRange whole = HashKeyRange.evenSplit(1).get(0);
        Shard parent = Shard.opened(0, whole, null, null, CREATED).closedAt(SPLIT);
        Shard left = Shard.opened(1, halves.get(0), new ShardId(0), null, SPLIT);
        Shard right = Shard.opened(2, halves.get(1), new ShardId(0), null, SPLIT);
        return new Stream(1, new StreamKey("000000000000", "us-east-1", "s"), "topic", StreamStatus.ACTIVE,
                StreamMode.PROVISIONED, 24, "NONE", null, null, 1024, List.of(), CREATED, List.of(parent, left, right));
    }

    private static List<Integer> listed(String type, Instant timestamp) {
        Stream stream = splitStream();
        return stream.shards().stream()
                .filter(ShardService.matching(stream, new ShardFilter(type, null, timestamp)))
                .map(Shard::partition).toList();
    }

    @Test
    void listShardsFiltersSelectShardsAsKinesisDocumentsThem() {
        assertThat(listed("AT_LATEST", null)).containsExactly(1, 2);
        assertThat(listed("AT_TRIM_HORIZON", null)).containsExactly(0);
        assertThat(listed("FROM_TRIM_HORIZON", null)).containsExactly(0, 1, 2);
        assertThat(listed("AT_TIMESTAMP", CREATED.plusSeconds(60))).containsExactly(0);
        assertThat(listed("AT_TIMESTAMP", SPLIT.plusSeconds(60))).containsExactly(1, 2);
        assertThat(listed("AT_TIMESTAMP", CREATED.minusSeconds(3600))).as("before creation: the trim horizon").containsExactly(0);
        assertThat(listed("FROM_TIMESTAMP", SPLIT.plusSeconds(60))).containsExactly(1, 2);
        assertThat(listed("FROM_TIMESTAMP", CREATED.plusSeconds(60))).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> listed("AT_TIMESTAMP", null)).isInstanceOf(AwsException.class)
                .hasMessageContaining("Timestamp must be specified");
    }

    private static Deque<OnDemandScaling.Sample> samples(long... recordsPerSecond) {
        Deque<OnDemandScaling.Sample> window = new ArrayDeque<>();
        long records = 0;
        window.add(new OnDemandScaling.Sample(0, new WriteRates.Totals(0, 0)));
        for (int i = 0; i < recordsPerSecond.length; i++) {
            records += recordsPerSecond[i] * 5;
            window.add(new OnDemandScaling.Sample((i + 1) * 5_000_000_000L, new WriteRates.Totals(records, records * 100)));
        }
        return window;
    }

    @Test
    void aShardIsOverItsLimitOnlyWhenEveryIntervalOfAFullWindowIsOver() {
        long window = 60_000_000_000L;
        double limit = 1000;
        double bytes = 1024 * 1024;
        long[] hot = new long[12];
        java.util.Arrays.fill(hot, 2500);
        assertThat(OnDemandScaling.sustainedLoad(samples(hot), window, limit, bytes)).isEqualTo(2.5);
        long[] dip = hot.clone();
        dip[7] = 400;
        assertThat(OnDemandScaling.sustainedLoad(samples(dip), window, limit, bytes)).as("one quiet interval").isEqualTo(0.4);
        assertThat(OnDemandScaling.sustainedLoad(samples(2500, 2500, 2500), window, limit, bytes))
                .as("15 s of a 60 s window").isZero();
        assertThat(OnDemandScaling.sustainedLoad(samples(hot), window, limit * 4, bytes)).as("scaled limits").isLessThan(1.0);
    }
}
