package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.streams.metadata.Shard;

/** Wire form of a shard in DescribeStream and ListShards. */
public record ShardView(
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("ParentShardId") String parentShardId,
        @JsonProperty("AdjacentParentShardId") String adjacentParentShardId,
        @JsonProperty("HashKeyRange") HashKeyRangeView hashKeyRange,
        @JsonProperty("SequenceNumberRange") SequenceNumberRangeView sequenceNumberRange) {

    public static ShardView of(Shard shard) {
        SequenceNumber ending = shard.endingSequenceNumber();
        return new ShardView(
                shard.id().toString(),
                shard.parent() == null ? null : shard.parent().toString(),
                shard.adjacentParent() == null ? null : shard.adjacentParent().toString(),
                new HashKeyRangeView(shard.range().start().toString(), shard.range().end().toString()),
                new SequenceNumberRangeView(shard.startingSequenceNumber().encode(), ending == null ? null : ending.encode()));
    }
}
