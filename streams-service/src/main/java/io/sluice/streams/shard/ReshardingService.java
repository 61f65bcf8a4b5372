package io.sluice.streams.shard;

import io.sluice.common.error.Violations;
import io.sluice.common.kinesis.HashKey;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.stream.StreamLocator;
import java.math.BigInteger;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * SplitShard, MergeShards and UpdateShardCount: validated as the Kinesis model constrains them, then carried out by
 * {@link StreamResharding}. Both return at once; the stream is UPDATING until the change is complete.
 */
@Service
public class ReshardingService {
    private final StreamResharding resharding;
    private final StreamLocator locator;

    ReshardingService(StreamResharding resharding, StreamLocator locator) {
        this.resharding = resharding;
        this.locator = locator;
    }

    public void split(SplitShardRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("shardToSplit", request.shardToSplit())
                .length("shardToSplit", request.shardToSplit(), 1, 128)
                .pattern("shardToSplit", request.shardToSplit(), StreamLocator.NAME)
                .notNull("newStartingHashKey", request.newStartingHashKey())
                .pattern("newStartingHashKey", request.newStartingHashKey(), HashKey.WIRE_PATTERN)
                .raise();
        resharding.split(locator.locate(request.streamName(), request.streamArn()), request.shardToSplit(),
                new BigInteger(request.newStartingHashKey()));
    }

    /** UpdateShardCount with UNIFORM_SCALING; the response's CurrentShardCount is the open shard count before. */
    public UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("targetShardCount", request.targetShardCount())
                .range("targetShardCount", request.targetShardCount(), 1, 100000)
                .notNull("scalingType", request.scalingType())
                .oneOf("scalingType", request.scalingType(), List.of("UNIFORM_SCALING"))
                .raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        int current = resharding.updateShardCount(key, request.targetShardCount());
        return new UpdateShardCountResponse(key.name(), current, request.targetShardCount(), key.arn().toString());
    }

    public void merge(MergeShardsRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("shardToMerge", request.shardToMerge())
                .length("shardToMerge", request.shardToMerge(), 1, 128)
                .pattern("shardToMerge", request.shardToMerge(), StreamLocator.NAME)
                .notNull("adjacentShardToMerge", request.adjacentShardToMerge())
                .length("adjacentShardToMerge", request.adjacentShardToMerge(), 1, 128)
                .pattern("adjacentShardToMerge", request.adjacentShardToMerge(), StreamLocator.NAME)
                .raise();
        resharding.merge(locator.locate(request.streamName(), request.streamArn()), request.shardToMerge(),
                request.adjacentShardToMerge());
    }
}
