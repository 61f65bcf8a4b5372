package io.sluice.streams.throughput;

/**
 * Tokens refilled at a steady rate, holding at most one second's worth. A take larger than the
 * bucket (a 10 MiB record on a 1 MiB/s shard) is allowed when the bucket is full and leaves it in
 * debt; so is a debit made after the fact (the bytes a GetRecords returned).
 */
final class TokenBucket {
    private final double perNanosecond;
    private final double capacity;
    private double tokens;
    private long updatedAt;

    TokenBucket(double perSecond, long now) {
        this.perNanosecond = perSecond / 1e9;
        this.capacity = perSecond;
        this.tokens = perSecond;
        this.updatedAt = now;
    }

    /** Takes {@code amount} tokens if the bucket holds them (or is full); false leaves it unchanged. */
    synchronized boolean tryTake(double amount, long now) {
        refill(now);
        if (tokens < Math.min(amount, capacity)) {
            return false;
        }
        tokens -= amount;
        return true;
    }

    /** Whether the bucket is out of debt and holds at least {@code amount} tokens. */
    synchronized boolean holds(double amount, long now) {
        refill(now);
        return tokens >= amount;
    }

    /** Takes {@code amount} tokens unconditionally, possibly into debt. */
    synchronized void debit(double amount, long now) {
        refill(now);
        tokens -= amount;
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - updatedAt) * perNanosecond);
        updatedAt = now;
    }
}
