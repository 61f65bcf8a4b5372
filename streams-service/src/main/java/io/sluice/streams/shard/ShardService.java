package io.sluice.streams.shard;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.protocol.PageToken;
import io.sluice.common.protocol.Paging;
import io.sluice.endpoint.access.AccessControl;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.stream.ShardView;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamLocator;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/** ListShards, with NextToken pagination as Kinesis does it (a token replaces the stream name). */
@Service
public class ShardService {
    private static final List<String> FILTER_TYPES = List.of(
            "AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP");

    private final StreamCatalog catalog;
    private final StreamLocator locator;
    private final Paging paging;
    private final AccessControl access;

    ShardService(StreamCatalog catalog, StreamLocator locator, Paging paging, AccessControl access) {
        this.catalog = catalog;
        this.locator = locator;
        this.paging = paging;
        this.access = access;
    }

    /**
     * @throws io.sluice.common.error.AwsException InvalidArgumentException (NextToken combined with a
     *     stream name or start shard), ExpiredNextTokenException, ResourceNotFoundException
     */
    public ListShardsResponse list(ListShardsRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .length("nextToken", request.nextToken(), 1, 1048576)
                .length("exclusiveStartShardId", request.exclusiveStartShardId(), 1, 128)
                .pattern("exclusiveStartShardId", request.exclusiveStartShardId(), StreamLocator.NAME)
                .range("maxResults", request.maxResults(), 1, 10000)
                .oneOf("shardFilter.type", request.shardFilter() == null ? null : request.shardFilter().type(), FILTER_TYPES)
                .raise();
        StreamKey key;
        String after;
        ShardFilter filter = request.shardFilter();
        if (request.nextToken() == null && request.streamName() == null && request.streamArn() == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Either NextToken or StreamName should be provided.");
        }
        if (request.nextToken() != null) {
            if (request.streamName() != null || request.streamArn() != null) {
                throw ErrorCode.INVALID_ARGUMENT.exception("NextToken and %s cannot be provided together.",
                        request.streamName() != null ? "StreamName" : "StreamARN");
            }
            if (request.exclusiveStartShardId() != null || filter != null) {
                throw ErrorCode.INVALID_ARGUMENT.exception("NextToken and %s cannot be provided together.",
                        request.exclusiveStartShardId() != null ? "ExclusiveStartShardId" : "ShardFilter");
            }
            PageToken token = paging.decode(request.nextToken());
            key = locator.locate(null, token.scope());
            access.authorizeCurrent(key.arn().toString());
            String[] position = token.after().split("\\|", -1);
            after = position[0];
            filter = position.length == 3 && !position[1].isEmpty()
                    ? new ShardFilter(position[1], null, position[2].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(position[2])))
                    : null;
        } else {
            key = locator.locate(request.streamName(), request.streamArn());
            after = request.exclusiveStartShardId();
        }
        Stream stream = catalog.require(key);
        if (filter != null && filter.type().equals("AFTER_SHARD_ID")) {
            if (filter.shardId() == null && request.nextToken() == null) {
                throw ErrorCode.INVALID_ARGUMENT.exception("ShardId must be specified for ShardFilter type AFTER_SHARD_ID.");
            }
            after = request.nextToken() == null ? filter.shardId() : after;
        }
        int max = request.maxResults() == null ? 1000 : request.maxResults();
        ShardFilter kept = filter;
        List<Shard> fetched = stream.shardsAfter(after).stream().filter(matching(stream, filter)).limit(max + 1L).toList();
        Paging.Page<Shard> page = paging.page(fetched, max, stream.arn(), last -> position(last, kept));
        return new ListShardsResponse(page.items().stream().map(ShardView::of).toList(), page.nextToken());
    }

    /** A NextToken's position: the last shard listed and the filter the next page keeps applying. */
    private static String position(Shard last, ShardFilter filter) {
        return last.id() + "|" + (filter == null ? "" : filter.type()) + "|"
                + (filter == null || filter.timestamp() == null ? "" : filter.timestamp().toEpochMilli());
    }

    /**
     * The shards a ShardFilter selects. The trim horizon is taken as the stream's creation: the
     * shards of a closed lineage stay listed for as long as the stream exists.
     */
    static Predicate<Shard> matching(Stream stream, ShardFilter filter) {
        if (filter == null) {
            return shard -> true;
        }
        Instant timestamp = filter.timestamp();
        if ((filter.type().equals("AT_TIMESTAMP") || filter.type().equals("FROM_TIMESTAMP")) && timestamp == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Timestamp must be specified for ShardFilter type %s.", filter.type());
        }
        return switch (filter.type()) {
            case "AT_LATEST" -> Shard::open;
            case "AT_TRIM_HORIZON" -> shard -> shard.openAt(stream.createdAt());
            case "AT_TIMESTAMP" -> shard -> shard.openAt(timestamp.isBefore(stream.createdAt()) ? stream.createdAt() : timestamp);
            case "FROM_TIMESTAMP" -> shard -> shard.closedAt() == null || !shard.closedAt().isBefore(timestamp);
            default -> shard -> true;
        };
    }
}
