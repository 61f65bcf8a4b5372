package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Wire form of the GetRecords response. At the end of a closed shard NextShardIterator is absent
 * and ChildShards names the shards to read next.
 */
public record GetRecordsResponse(
        @JsonProperty("Records") List<RecordView> records,
        @JsonProperty("NextShardIterator") String nextShardIterator,
        @JsonProperty("MillisBehindLatest") long millisBehindLatest,
        @JsonProperty("ChildShards") List<ChildShardView> childShards) {
}
