package io.sluice.common.kinesis;

import io.sluice.common.error.ErrorCode;
import java.math.BigInteger;

/**
 * A Kinesis sequence number that encodes its Kafka position, so that it decodes without a lookup:
 * 31 decimal digits, a leading 1, the shard index (= Kafka partition) in 10 digits and the Kafka
 * offset plus one in 20. All numbers have the same length, so their numeric order is (shard, offset)
 * order: they grow with the offset within a shard, and a child shard, whose index is always higher
 * than its parents', has higher numbers than they do. Encoding is string work, no big-integer division.
 *
 * <p>The offset field is shifted by one so that every position has a number, even the one before a
 * shard's first record: offset {@code -1} (digits all zero) is what a subscriber that has received
 * nothing from an empty shard continues after.
 */
public record SequenceNumber(int shardIndex, long offset) implements Comparable<SequenceNumber> {
    /** What the Kinesis API model accepts as a sequence number in a request. */
    public static final java.util.regex.Pattern WIRE_PATTERN = java.util.regex.Pattern.compile("0|([1-9]\\d{0,128})");
    private static final int SHARD_DIGITS = 10;
    private static final int OFFSET_DIGITS = 20;
    private static final int LENGTH = 1 + SHARD_DIGITS + OFFSET_DIGITS;

    public SequenceNumber {
        if (shardIndex < 0 || offset < -1 || offset == Long.MAX_VALUE) {
            throw new IllegalArgumentException("Shard index or offset out of range: " + shardIndex + ", " + offset);
        }
    }

    /** The number to continue after in order to read from {@code offset} on (AFTER_SEQUENCE_NUMBER). */
    public static SequenceNumber before(int shardIndex, long offset) {
        return new SequenceNumber(shardIndex, offset - 1);
    }

    /** The decimal form clients see. */
    public String encode() {
        byte[] digits = new byte[LENGTH];
        digits[0] = '1';
        fill(digits, 1 + SHARD_DIGITS, shardIndex);
        fill(digits, LENGTH, offset + 1);
        return new String(digits, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public BigInteger toBigInteger() {
        return new BigInteger(encode());
    }

    /**
     * Decodes a sequence number this service issued.
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException for any other number
     */
    public static SequenceNumber decode(String text) {
        if (text == null || text.length() != LENGTH || text.charAt(0) != '1') {
            throw invalid(text);
        }
        for (int i = 1; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(text);
            }
        }
        long shard = Long.parseLong(text, 1, 1 + SHARD_DIGITS, 10);
        long offset;
        try {
            offset = Long.parseLong(text, 1 + SHARD_DIGITS, LENGTH, 10) - 1;
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        if (shard > Integer.MAX_VALUE) {
            throw invalid(text);
        }
        return new SequenceNumber((int) shard, offset);
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

    /** Writes {@code value} as zero-padded decimal digits ending just before {@code end}. */
    private static void fill(byte[] digits, int end, long value) {
        int width = end == LENGTH ? OFFSET_DIGITS : SHARD_DIGITS;
        for (int i = end - 1; i >= end - width; i--) {
            digits[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static RuntimeException invalid(String text) {
        return ErrorCode.INVALID_ARGUMENT.exception("StartingSequenceNumber %s is invalid.", text);
    }
}
