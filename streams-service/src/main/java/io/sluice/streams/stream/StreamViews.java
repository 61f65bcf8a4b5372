package io.sluice.streams.stream;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.protocol.Paging;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamStore;
import java.util.List;
import org.springframework.stereotype.Service;

/** DescribeStream, DescribeStreamSummary and ListStreams. */
@Service
public class StreamViews {
    private final StreamStore store;
    private final StreamCatalog catalog;
    private final StreamLocator locator;
    private final Paging paging;

    private final WarmThroughput.Source warmThroughputs;

    StreamViews(StreamStore store, StreamCatalog catalog, StreamLocator locator, Paging paging, WarmThroughput.Source warmThroughputs) {
        this.warmThroughputs = warmThroughputs;
        this.store = store;
        this.catalog = catalog;
        this.locator = locator;
        this.paging = paging;
    }

    /** @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public DescribeStreamResponse describe(DescribeStreamRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .range("limit", request.limit(), 1, 10000)
                .length("exclusiveStartShardId", request.exclusiveStartShardId(), 1, 128)
                .pattern("exclusiveStartShardId", request.exclusiveStartShardId(), StreamLocator.NAME)
                .raise();
        Stream stream = catalog.require(locator.locate(request.streamName(), request.streamArn()));
        int limit = request.limit() == null ? 100 : request.limit();
        List<Shard> remaining = stream.shardsAfter(request.exclusiveStartShardId());
        List<ShardView> page = remaining.stream().limit(limit).map(ShardView::of).toList();
        return new DescribeStreamResponse(new StreamDescription(
                stream.key().name(), stream.arn(), stream.status(), new StreamModeDetails(stream.mode().name()),
                page, remaining.size() > limit, stream.retentionHours(), stream.createdAt(), List.of(new EnhancedMetrics(stream.shardLevelMetrics())),
                stream.encryptionType(), stream.kmsKeyId()));
    }

    /** @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public DescribeStreamSummaryResponse describeSummary(DescribeStreamSummaryRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn()).raise();
        Stream stream = catalog.require(locator.locate(request.streamName(), request.streamArn()));
        return new DescribeStreamSummaryResponse(new StreamDescriptionSummary(
                stream.key().name(), stream.arn(), stream.status(), new StreamModeDetails(stream.mode().name()),
                stream.retentionHours(), stream.createdAt(), List.of(new EnhancedMetrics(stream.shardLevelMetrics())), stream.encryptionType(),
                stream.kmsKeyId(), (int) stream.openShardCount(), 0, warmThroughputs.of(stream), stream.maxRecordSizeKiB()));
    }

    /** Streams of the account in name order, with NextToken pagination. */
    public ListStreamsResponse list(ListStreamsRequest request) {
        Violations.check()
                .range("limit", request.limit(), 1, 10000)
                .length("exclusiveStartStreamName", request.exclusiveStartStreamName(), 1, 128)
                .pattern("exclusiveStartStreamName", request.exclusiveStartStreamName(), StreamLocator.NAME)
                .length("nextToken", request.nextToken(), 1, 1048576)
                .raise();
        StreamKey scope = locator.scope("");
        if (request.nextToken() != null && request.exclusiveStartStreamName() != null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("NextToken and ExclusiveStartStreamName cannot be provided together.");
        }
        String listing = scope.accountId() + ":" + scope.region();
        String after = paging.startAfter(request.nextToken(), listing, request.exclusiveStartStreamName());
        int limit = request.limit() == null ? 100 : request.limit();
        Paging.Page<StoredStream> page = paging.page(store.page(scope.accountId(), scope.region(), after, limit + 1),
                limit, listing, s -> s.key().name());
        List<StoredStream> shown = page.items();
        return new ListStreamsResponse(
                shown.stream().map(s -> s.key().name()).toList(),
                page.hasMore(),
                page.nextToken(),
                shown.stream().map(s -> new StreamSummary(s.key().name(), s.key().arn().toString(), s.status(),
                        new StreamModeDetails(s.mode().name()), s.createdAt())).toList());
    }
}
