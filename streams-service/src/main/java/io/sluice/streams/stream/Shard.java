package io.sluice.streams.stream;

import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.common.kinesis.ShardId;

/**
 * A shard of a stream: a Kafka partition (its index) owning a hash-key range. A closed shard has an
 * ending offset (exclusive) and takes no more writes.
 */
public record Shard(
        ShardId id, HashKeyRange range, ShardId parent, ShardId adjacentParent, long startingOffset, Long endingOffset) {

    public boolean open() {
        return endingOffset == null;
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
