package io.sluice.streams.iterator;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of the GetShardIterator response. */
public record GetShardIteratorResponse(
        @JsonProperty("ShardIterator") String shardIterator) {
}
