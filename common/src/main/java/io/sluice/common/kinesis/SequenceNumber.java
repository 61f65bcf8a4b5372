package io.sluice.common.kinesis;

import io.sluice.common.error.ErrorCode;
import java.math.BigInteger;

/**
 * A Kinesis sequence number that encodes its Kafka position, so that it decodes without a lookup:
 * bit 124 is a format marker, bits 64-95 the shard index (= Kafka partition) and bits 0-63 the
 * Kafka offset. Numbers grow with the offset within a shard, and a child shard, whose index is
 * always higher than its parents', has higher numbers than they do.
 */
public record SequenceNumber(int shardIndex, long offset) implements Comparable<SequenceNumber> {
    private static final int MARKER_BIT = 124;
    private static final BigInteger MARKER = BigInteger.ONE.shiftLeft(MARKER_BIT);

    public SequenceNumber {
        if (shardIndex < 0 || offset < 0) {
            throw new IllegalArgumentException("Negative shard index or offset");
        }
    }

    public BigInteger toBigInteger() {
        return MARKER.or(BigInteger.valueOf(shardIndex).shiftLeft(64)).or(BigInteger.valueOf(offset));
    }

    /** The decimal form clients see. */
    public String encode() {
        return toBigInteger().toString();
    }

    /**
     * Decodes a sequence number this service issued.
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException for any other number
     */
    public static SequenceNumber decode(String text) {
        BigInteger value;
        try {
            value = new BigInteger(text);
        } catch (NumberFormatException | NullPointerException e) {
            throw invalid(text);
        }
        if (value.bitLength() != MARKER_BIT + 1 || value.shiftRight(96).clearBit(MARKER_BIT - 96).signum() != 0) {
            throw invalid(text);
        }
        long offset = value.longValue() & Long.MAX_VALUE;
        if (value.testBit(63)) {
            throw invalid(text);
        }
        int shardIndex = value.shiftRight(64).intValue();
        if (shardIndex < 0) {
            throw invalid(text);
        }
        return new SequenceNumber(shardIndex, offset);
    }

    @Override
    public int compareTo(SequenceNumber other) {
        int byShard = Integer.compare(shardIndex, other.shardIndex);
        return byShard != 0 ? byShard : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return encode();
    }

    private static RuntimeException invalid(String text) {
        return ErrorCode.INVALID_ARGUMENT.exception("StartingSequenceNumber %s is invalid.", text);
    }
}
