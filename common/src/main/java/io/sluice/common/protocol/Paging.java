package io.sluice.common.protocol;

import io.sluice.common.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Paging of AWS list operations in both of their styles: a {@code NextToken} (Kinesis ListShards,
 * ListStreams, ListStreamConsumers), and an exclusive start key with a {@code HasMore…} flag
 * (Firehose ListDeliveryStreams, Kinesis Analytics ListApplications, Kinesis ListStreams' older
 * form). A listing fetches one item more than it shows, which tells whether there are more.
 * Tokens are scoped to what is listed and expire after {@link #TOKEN_LIFETIME}, as Kinesis's do.
 */
public final class Paging {
    /** How long a NextToken stays valid (Kinesis documents 300 seconds for ListShards). */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;

    public Paging(Clock clock) {
        this.clock = clock;
    }

    /**
     * A page of a listing and where the next one starts.
     *
     * @param items what this page shows
     * @param hasMore whether items follow (the {@code HasMore…} flag)
     * @param nextToken the token of the next page, null on the last page
     */
    public record Page<T>(List<T> items, boolean hasMore, String nextToken) {
        public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
            return new Page<>(items.stream().<R>map(mapper).toList(), hasMore, nextToken);
        }
    }

    /**
     * The key a page starts after: the position a NextToken carries, else the exclusive start key,
     * else "" (the start of the listing).
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException for a token of another
     *     listing or one given with an exclusive start key, ExpiredNextTokenException for an old one
     */
    public String startAfter(String nextToken, String scope, String exclusiveStart) {
        if (nextToken == null) {
            return exclusiveStart == null ? "" : exclusiveStart;
        }
        if (exclusiveStart != null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("NextToken and an exclusive start key cannot be provided together.");
        }
        PageToken token = decode(nextToken);
        if (!token.scope().equals(scope)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Invalid NextToken.");
        }
        return token.after();
    }

    /** Decodes and ages a NextToken whose scope the caller checks itself. */
    public PageToken decode(String nextToken) {
        return PageToken.decode(nextToken, clock.instant(), TOKEN_LIFETIME);
    }

    /**
     * Cuts a page of a listing in the exclusive-start style (no NextToken) from {@code fetched},
     * which holds up to {@code limit + 1} items in listing order.
     */
    public static <T> Page<T> page(List<T> fetched, int limit) {
        boolean more = fetched.size() > limit;
        return new Page<>(List.copyOf(more ? fetched.subList(0, limit) : fetched), more, null);
    }

    /**
     * Cuts a page from {@code fetched}, which holds up to {@code limit + 1} items in listing order,
     * with the NextToken of the next page.
     *
     * @param position the key of an item, what the next page starts after
     */
    public <T> Page<T> page(List<T> fetched, int limit, String scope, Function<? super T, String> position) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), false, null);
        }
        List<T> shown = List.copyOf(fetched.subList(0, limit));
        String next = new PageToken(scope, position.apply(shown.get(limit - 1)), clock.instant()).encode();
        return new Page<>(shown, true, next);
    }
}
