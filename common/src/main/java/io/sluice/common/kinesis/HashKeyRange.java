package io.sluice.common.kinesis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of hash keys owned by one shard. */
public record HashKeyRange(BigInteger start, BigInteger end) {
    private static final BigInteger KEY_SPACE = HashKey.MAX.add(BigInteger.ONE);

    public HashKeyRange {
        if (start.signum() < 0 || end.compareTo(HashKey.MAX) > 0 || start.compareTo(end) > 0) {
            throw new IllegalArgumentException("Invalid hash key range " + start + ".." + end);
        }
    }

    public boolean contains(BigInteger hashKey) {
        return start.compareTo(hashKey) <= 0 && hashKey.compareTo(end) <= 0;
    }

    /**
     * Splits the whole key space into {@code count} contiguous ranges of equal size, the last one
     * absorbing the remainder, as CreateStream does in Kinesis.
     */
    public static List<HashKeyRange> evenSplit(int count) {
        BigInteger size = KEY_SPACE.divide(BigInteger.valueOf(count));
        List<HashKeyRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger start = size.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1 ? HashKey.MAX : start.add(size).subtract(BigInteger.ONE);
            ranges.add(new HashKeyRange(start, end));
        }
        return ranges;
    }
}
