package io.sluice.streams.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.streams.record.ChildShardView;
import io.sluice.streams.record.RecordView;
import java.util.List;

/**
 * Wire form of one SubscribeToShardEvent. ContinuationSequenceNumber is what the next
 * SubscribeToShard continues after (AFTER_SEQUENCE_NUMBER); it is absent only in the last event of a
 * closed shard, which carries the ChildShards instead — the sign readers such as the KCL take for
 * the end of a shard.
 */
public record SubscribeToShardEvent(
        @JsonProperty("Records") @JsonInclude(JsonInclude.Include.ALWAYS) List<RecordView> records,
        @JsonProperty("ContinuationSequenceNumber") String continuationSequenceNumber,
        @JsonProperty("MillisBehindLatest") long millisBehindLatest,
        @JsonProperty("ChildShards") List<ChildShardView> childShards) {
}
