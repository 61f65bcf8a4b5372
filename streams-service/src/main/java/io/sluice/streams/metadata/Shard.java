package io.sluice.streams.metadata;

import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.common.kinesis.ShardId;
import java.time.Instant;

/**
 * A shard of a stream: a Kafka partition (its index) owning a hash-key range. A closed shard takes
 * no more writes; once the writes routed to it before it closed have landed it also has an ending
 * offset (exclusive), the end its readers reach before they are handed its child shards.
 */
public record Shard(
        ShardId id, HashKeyRange range, ShardId parent, ShardId adjacentParent, long startingOffset, Long endingOffset,
        boolean closed, Instant openedAt, Instant closedAt) {

    /** A new open shard, with its parents (null for a shard of CreateStream). */
    public static Shard opened(int index, HashKeyRange range, ShardId parent, ShardId adjacentParent, Instant at) {
        return new Shard(new ShardId(index), range, parent, adjacentParent, 0, null, false, at, null);
    }

    /** This shard closed at {@code at}, its ending offset still unknown. */
    public Shard closedAt(Instant at) {
        return new Shard(id, range, parent, adjacentParent, startingOffset, null, true, openedAt, at);
    }

    /** This closed shard with its ending offset (exclusive), once the writes routed to it have landed. */
    public Shard sealedAt(long endingOffset) {
        return new Shard(id, range, parent, adjacentParent, startingOffset, endingOffset, closed, openedAt, closedAt);
    }

    /** Whether it is closed and its ending offset not yet known. */
    public boolean needsSealing() {
        return closed && endingOffset == null;
    }

    /** Whether the shard was open at {@code time}. */
    public boolean openAt(Instant time) {
        return !openedAt.isAfter(time) && (closedAt == null || !closedAt.isBefore(time));
    }

    public boolean open() {
        return !closed;
    }

    /** Whether readers of this shard reach an end: it is closed and its ending offset is known. */
    public boolean sealed() {
        return closed && endingOffset != null;
    }

    public int partition() {
        return id.index();
    }

    public SequenceNumber startingSequenceNumber() {
        return new SequenceNumber(id.index(), startingOffset);
    }

    /** The last sequence number of a closed shard; null while the shard is open. */
    public SequenceNumber endingSequenceNumber() {
        return endingOffset == null ? null : new SequenceNumber(id.index(), Math.max(startingOffset, endingOffset - 1));
    }
}
