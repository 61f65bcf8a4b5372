package io.sluice.streams.shard;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.kinesis.ShardId;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reshard worked out on a stream's snapshot before anything changes: which existing shards close
 * and which new shards open (new shards that a later step of the same plan splits or merges again
 * are created closed). New shards take the next shard indexes, which are new Kafka partitions.
 */
final class ReshardPlan {
    private final Stream stream;
    private final Instant at;
    private final List<Shard> live;
    private final List<Integer> closing = new ArrayList<>();
    private final List<Shard> created = new ArrayList<>();

    ReshardPlan(Stream stream, Instant at) {
        this.stream = stream;
        this.at = at;
        this.live = new ArrayList<>(stream.shards().stream().filter(Shard::open).toList());
    }

    Stream stream() {
        return stream;
    }

    /** The shards open once the plan is carried out. */
    List<Shard> live() {
        return List.copyOf(live);
    }

    /** Indexes of existing shards the plan closes. */
    List<Integer> closing() {
        return closing;
    }

    /** New shards, in index order. */
    List<Shard> created() {
        return created;
    }

    /** An open shard of the stream, by wire id. */
    Shard openShard(String shardId) {
        StreamKey key = stream.key();
        java.util.Optional<ShardId> id = ShardId.parse(shardId);
        Shard shard = id.flatMap(stream::shard).orElseThrow(() -> ErrorCode.RESOURCE_NOT_FOUND.exception(
                "Could not find shard %s in stream %s under account %s.", id.map(ShardId::toString).orElse(shardId), key.name(),
                key.accountId()));
        if (!shard.open()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "Shard %s in stream %s under account %s has already been merged or split, and thus is not eligible "
                            + "for merging or splitting.", shard.id(), key.name(), key.accountId());
        }
        return shard;
    }

    /** Whether {@code second}'s hash keys begin right after {@code first}'s: the pair MergeShards takes, in that order. */
    static boolean followedBy(Shard first, Shard second) {
        return first.range().end().add(BigInteger.ONE).equals(second.range().start());
    }

    /** Closes {@code parent} and opens its two halves, split at {@code at}. */
    void split(Shard parent, BigInteger startOfSecond) {
        close(parent);
        open(new HashKeyRange(parent.range().start(), startOfSecond.subtract(BigInteger.ONE)), parent.id(), null);
        open(new HashKeyRange(startOfSecond, parent.range().end()), parent.id(), null);
    }

    /** Closes two adjacent shards and opens the shard covering both; returns it. */
    Shard merge(Shard first, Shard second) {
        close(first);
        close(second);
        BigInteger start = first.range().start().min(second.range().start());
        BigInteger end = first.range().end().max(second.range().end());
        return open(new HashKeyRange(start, end), first.id(), second.id());
    }

    /**
     * Plans UNIFORM_SCALING to {@code target} shards of exactly even hash-key ranges: the shards that
     * hold a target boundary inside them are split there, then the shards within each target range
     * are merged into one. Two-parent lineage cannot reach even ranges otherwise (5 to 3, say); the
     * intermediate shards this creates are closed in the same plan, as Kinesis's own are.
     */
    void scaleUniformly(int target) {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(target);
        for (HashKeyRange range : ranges.subList(1, ranges.size())) {
            live.stream()
                    .filter(s -> s.range().start().compareTo(range.start()) < 0 && s.range().contains(range.start()))
                    .findFirst()
                    .ifPresent(owner -> split(owner, range.start()));
        }
        for (HashKeyRange range : ranges) {
            List<Shard> parts = live.stream()
                    .filter(s -> range.contains(s.range().start()))
                    .sorted(java.util.Comparator.comparing(s -> s.range().start()))
                    .toList();
            Shard merged = parts.get(0);
            for (Shard next : parts.subList(1, parts.size())) {
                merged = merge(merged, next);
            }
        }
    }

    private Shard open(HashKeyRange range, ShardId parent, ShardId adjacentParent) {
        Shard shard = Shard.opened(stream.shards().size() + created.size(), range, parent, adjacentParent, at);
        created.add(shard);
        live.add(shard);
        return shard;
    }

    private void close(Shard shard) {
        live.remove(shard);
        int createdAt = created.indexOf(shard);
        if (createdAt >= 0) {
            created.set(createdAt, shard.closedAt(at));
        } else {
            closing.add(shard.partition());
        }
    }
}
