package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.stream.HashKeyRangeView;
import java.util.List;
import java.util.stream.Stream;

/** Wire form of a ChildShard: what a reader of a closed shard continues with. */
public record ChildShardView(
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("ParentShards") List<String> parentShards,
        @JsonProperty("HashKeyRange") HashKeyRangeView hashKeyRange) {

    public static ChildShardView of(Shard child) {
        return new ChildShardView(child.id().toString(),
                Stream.of(child.parent(), child.adjacentParent()).filter(java.util.Objects::nonNull).map(Object::toString).toList(),
                new HashKeyRangeView(child.range().start().toString(), child.range().end().toString()));
    }
}
