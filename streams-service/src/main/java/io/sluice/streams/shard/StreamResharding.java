package io.sluice.streams.shard;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.metadata.StreamStore;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamLifecycle;
import io.sluice.streams.topic.StreamTopics;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * SplitShard, MergeShards and UpdateShardCount without moving data: parents close at once (no more
 * writes are routed to them) and children open on new Kafka partitions; the stream is UPDATING until
 * the closed shards' ending offsets are recorded, then ACTIVE again.
 */
@Component
public class StreamResharding {
    /** Largest open shard count UpdateShardCount scales a stream to. */
    static final int MAX_SHARDS_PER_STREAM = 10_000;
    static final int SCALINGS_PER_DAY = 10;
    private static final java.time.Duration SCALING_WINDOW = java.time.Duration.ofHours(24);

    private final StreamStore store;
    private final StreamCatalog catalog;
    private final StreamTopics topics;
    private final StreamLifecycle lifecycle;
    private final StreamsProperties.Limits limits;
    private final Clock clock;

    StreamResharding(StreamStore store, StreamCatalog catalog, StreamTopics topics, StreamLifecycle lifecycle,
            StreamsProperties properties, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.topics = topics;
        this.lifecycle = lifecycle;
        this.limits = properties.limits();
        this.clock = clock;
    }

    /**
     * Splits an open shard into [start, newStartingHashKey - 1] and [newStartingHashKey, end]; as in
     * AWS, the key must be greater than one plus the shard's start and less than its end.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException
     *     (stream not ACTIVE), InvalidArgumentException (shard closed, hash key not inside it),
     *     LimitExceededException (account shard limit)
     */
    public void split(StreamKey key, String shardToSplit, BigInteger newStartingHashKey) {
        reshard(key, false, plan -> {
            Shard parent = plan.openShard(shardToSplit);
            HashKeyRange range = parent.range();
            if (newStartingHashKey.compareTo(range.start().add(BigInteger.ONE)) <= 0 || newStartingHashKey.compareTo(range.end()) >= 0) {
                throw ErrorCode.INVALID_ARGUMENT.exception(
                        "NewStartingHashKey %s used in SplitShard() on shard %s in stream %s under account %s is not both "
                                + "greater than one plus the shard's StartingHashKey %s and less than the shard's EndingHashKey %s.",
                        newStartingHashKey, parent.id(), key.name(), key.accountId(), range.start(), range.end());
            }
            plan.split(parent, newStartingHashKey);
        });
    }

    /**
     * Merges two open shards with adjacent hash-key ranges into one; as in AWS, the adjacent shard's
     * range follows the first's.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException
     *     (stream not ACTIVE), InvalidArgumentException (a shard closed, the ranges not adjacent)
     */
    public void merge(StreamKey key, String shardToMerge, String adjacentShardToMerge) {
        reshard(key, false, plan -> {
            Shard first = plan.openShard(shardToMerge);
            Shard second = plan.openShard(adjacentShardToMerge);
            if (!ReshardPlan.followedBy(first, second)) {
                throw ErrorCode.INVALID_ARGUMENT.exception(
                        "Shards %s and %s in stream %s under account %s are not an adjacent pair of shards eligible for merging",
                        first.id(), second.id(), key.name(), key.accountId());
            }
            plan.merge(first, second);
        });
    }

    /**
     * Scales the open shards to {@code target} shards of equal hash-key ranges (UNIFORM_SCALING), by
     * splits at the target boundaries and merges of what lies between them, all in one change; the
     * intermediate shards close at once and stay empty. Returns the open shard count before.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException,
     *     LimitExceededException (more than double, less than half, over 10,000 or the account limit)
     */
    public int updateShardCount(StreamKey key, int target) {
        int[] before = new int[1];
        reshard(key, true, plan -> {
            List<Shard> open = plan.live();
            int current = open.size();
            before[0] = current;
            requireAtMostMax(current, target);
            if (target > 2 * current) {
                throw ErrorCode.LIMIT_EXCEEDED.exception("UpdateShardCount cannot scale up over double your current open shard count. "
                        + "Current open shard count: %d, Target shard count: %d", current, target);
            }
            if (2 * target < current) {
                throw ErrorCode.LIMIT_EXCEEDED.exception("UpdateShardCount cannot scale down below half your current open shard count. "
                        + "Current open shard count: %d, Target shard count: %d", current, target);
            }
            plan.scaleUniformly(target);
        });
        return before[0];
    }

    /**
     * Splits an ACTIVE stream evenly into {@code shards} open shards if it has fewer, for warm
     * throughput; not one of the stream's 10 UpdateShardCount operations a day.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException,
     *     LimitExceededException (over 10,000 shards or the account's limit)
     */
    public void scaleUpTo(StreamKey key, int shards) {
        reshard(key, false, plan -> {
            requireAtMostMax(plan.live().size(), shards);
            if (plan.live().size() < shards) {
                plan.scaleUniformly(shards);
            }
        });
    }

    private static void requireAtMostMax(int current, int target) {
        if (target > MAX_SHARDS_PER_STREAM) {
            throw ErrorCode.LIMIT_EXCEEDED.exception("Target shard count or number of open shards cannot be greater than %d. "
                    + "Current open shard count: %d, Target shard count: %d", MAX_SHARDS_PER_STREAM, current, target);
        }
    }

    private interface Planner {
        void plan(ReshardPlan plan);
    }

    /** @param scaling whether this is an UpdateShardCount, of which a stream may have 10 a rolling day */
    private void reshard(StreamKey key, boolean scaling, Planner planner) {
        Instant now = clock.instant();
        Instant dayAgo = now.minus(SCALING_WINDOW);
        ReshardPlan plan = store.inTransaction(() -> {
            StoredStream found = store.find(key).orElseThrow(() -> StreamCatalog.notFound(key));
            Stream stream = found.snapshot();
            requireActive(stream);
            if (scaling && found.scalingsSince(dayAgo) >= SCALINGS_PER_DAY) {
                throw ErrorCode.LIMIT_EXCEEDED.exception(
                        "Exceeded the number of UpdateShardCount operations allowed for stream %s under account %s: %d per "
                                + "rolling 24 hours.", key.name(), key.accountId(), SCALINGS_PER_DAY);
            }
            ReshardPlan p = new ReshardPlan(stream, now);
            planner.plan(p);
            long open = store.countOpenShards(key.accountId(), key.region());
            long delta = p.live().size() - stream.openShardCount();
            if (open + delta > limits.shardLimit()) {
                throw StreamCatalog.shardLimitExceeded(key, open, limits.shardLimit(), delta);
            }
            return p;
        });
        if (plan.created().isEmpty()) {
            return;
        }
        // The children's partitions exist and have leaders before any write can be routed to them.
        topics.ensurePartitions(plan.stream().topic(), plan.stream().shards().size() + plan.created().size());
        long id = plan.stream().id();
        store.update(id, stream -> {
            requireActive(stream.snapshot());
            if (stream.shards().size() != plan.stream().shards().size()) {
                throw ErrorCode.RESOURCE_IN_USE.exception("Stream %s under account %s is being resharded.", key.name(),
                        key.accountId());
            }
            StoredStream resharded = stream.withShards(shards -> {
                shards.replaceAll(shard -> plan.closing().contains(shard.partition()) ? shard.closedAt(now) : shard);
                shards.addAll(plan.created());
                return shards;
            }).withStatus(StreamStatus.UPDATING);
            return scaling ? resharded.withScaling(now, dayAgo) : resharded;
        }).orElseThrow(() -> StreamCatalog.notFound(key));
        catalog.invalidate(key, id);
        lifecycle.seal(id);
    }

    private static void requireActive(Stream stream) {
        if (stream.status() != StreamStatus.ACTIVE) {
            throw StreamCatalog.notActive(stream.key(), stream.status());
        }
    }
}
