package io.sluice.streams.shard;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.protocol.PageToken;
import io.sluice.streams.stream.Shard;
import io.sluice.streams.stream.ShardView;
import io.sluice.streams.stream.Stream;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamKey;
import io.sluice.streams.stream.StreamLocator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;

/** ListShards, with NextToken pagination as Kinesis does it (a token replaces the stream name). */
@Service
public class ShardService {
    private static final Duration TOKEN_TTL = Duration.ofMinutes(5);

    private final StreamCatalog catalog;
    private final StreamLocator locator;
    private final Clock clock;

    ShardService(StreamCatalog catalog, StreamLocator locator, Clock clock) {
        this.catalog = catalog;
        this.locator = locator;
        this.clock = clock;
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
                .raise();
        StreamKey key;
        String after;
        if (request.nextToken() != null) {
            if (request.streamName() != null || request.exclusiveStartShardId() != null) {
                throw ErrorCode.INVALID_ARGUMENT.exception(
                        "NextToken and StreamName or ExclusiveStartShardId cannot be provided together.");
            }
            PageToken token = PageToken.decode(request.nextToken(), clock.instant(), TOKEN_TTL);
            key = locator.locate(null, token.scope());
            after = token.after();
        } else {
            key = locator.locate(request.streamName(), request.streamArn());
            after = request.exclusiveStartShardId();
        }
        Stream stream = catalog.require(key);
        int max = request.maxResults() == null ? 1000 : request.maxResults();
        List<Shard> remaining = stream.shardsAfter(after);
        List<Shard> page = remaining.stream().limit(max).toList();
        String next = remaining.size() > max
                ? new PageToken(stream.arn(), page.get(page.size() - 1).id().toString(), clock.instant()).encode()
                : null;
        return new ListShardsResponse(page.stream().map(ShardView::of).toList(), next);
    }
}
