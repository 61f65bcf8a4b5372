package io.sluice.streams.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.kinesis.HashKey;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resharding plans worked out on snapshots: SplitShard, MergeShards and UpdateShardCount's UNIFORM_SCALING. */
class ReshardPlanTest {
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    static Stream stream(int shards) {
        List<Shard> list = new ArrayList<>();
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(shards);
        for (int i = 0; i < shards; i++) {
            list.add(Shard.opened(i, ranges.get(i), null, null, NOW.minusSeconds(60)));
        }
        return new Stream(1, new StreamKey("000000000000", "us-east-1", "s"), "topic", StreamStatus.ACTIVE,
                StreamMode.PROVISIONED, 24, "NONE", null, null, 1024, List.of(), NOW.minusSeconds(60), list);
    }

    @Test
    void aSplitClosesTheParentAndOpensTwoHalvesOnNewPartitions() {
        ReshardPlan plan = new ReshardPlan(stream(2), NOW);
        Shard parent = plan.openShard("shardId-000000000000");
        BigInteger middle = parent.range().end().add(BigInteger.ONE).shiftRight(1);
        plan.split(parent, middle);
        assertThat(plan.closing()).containsExactly(0);
        assertThat(plan.created()).extracting(Shard::partition).containsExactly(2, 3);
        assertThat(plan.created()).allMatch(s -> s.parent().equals(parent.id()) && s.open());
        assertThat(plan.created().get(0).range().end().add(BigInteger.ONE)).isEqualTo(plan.created().get(1).range().start());
        assertThat(plan.live()).hasSize(3);
    }

    @Test
    void aMergeOfAdjacentShardsCoversBothAndNamesBothParents() {
        ReshardPlan plan = new ReshardPlan(stream(3), NOW);
        Shard first = plan.openShard("shardId-000000000001");
        Shard second = plan.openShard("shardId-000000000002");
        assertThat(ReshardPlan.followedBy(first, second)).isTrue();
        assertThat(ReshardPlan.followedBy(second, first)).as("as AWS: the adjacent shard follows the first").isFalse();
        assertThat(ReshardPlan.followedBy(plan.openShard("shardId-000000000000"), second)).isFalse();
        Shard merged = plan.merge(first, second);
        assertThat(merged.range()).isEqualTo(new HashKeyRange(first.range().start(), HashKey.MAX));
        assertThat(merged.parent()).isEqualTo(first.id());
        assertThat(merged.adjacentParent()).isEqualTo(second.id());
        assertThat(plan.closing()).containsExactly(1, 2);
    }

    @ParameterizedTest
    @CsvSource({"2,3", "2,4", "4,2", "4,3", "5,3", "3,6", "1,2", "3,1"})
    void uniformScalingEndsWithExactlyEvenRangesCoveringEveryHashKey(int from, int to) {
        ReshardPlan plan = new ReshardPlan(stream(from), NOW);
        plan.scaleUniformly(to);
        List<HashKeyRange> live = plan.live().stream().map(Shard::range)
                .sorted(Comparator.comparing(HashKeyRange::start)).toList();
        assertThat(live).containsExactlyElementsOf(HashKeyRange.evenSplit(to));
        assertThat(plan.closing()).as("every original shard whose range changes closes")
                .hasSize((int) stream(from).shards().stream().filter(s -> !HashKeyRange.evenSplit(to).contains(s.range())).count());
        // Intermediate shards the plan creates and merges again are created closed.
        assertThat(plan.created().stream().filter(Shard::open).count()).isEqualTo(
                live.stream().filter(r -> !HashKeyRange.evenSplit(from).contains(r)).count());
    }
}
