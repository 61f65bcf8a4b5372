package io.sluice.common.kinesis;

import io.sluice.common.error.ErrorCode;
import java.math.BigInteger;

/**
 * A Kinesis sequence number that encodes its Kafka position, so that it decodes without a lookup.
 * 56 decimal digits, as AWS's are: {@code 49}, the shard index (= Kafka partition) in 10 digits, the
 * Kafka offset plus one in 20, and 24 zeros. All numbers have the same length, so their numeric
 * order is (shard, offset) order: they grow with the offset within a shard, and a child shard, whose
 * index is always higher than its parents', has higher numbers than they do. Encoding is string
 * work, no big-integer division.
 *
 * <p>The offset field is shifted by one so that every position has a number, even the one before a
 * shard's first record: offset {@code -1} (digits all zero) is what a subscriber that has received
 * nothing from an empty shard continues after.
 *
 * <p>Numbers of the 31-digit form earlier versions issued ({@code 1}, shard, offset plus one) still
 * decode, so that checkpoints taken before an upgrade go on; they are smaller than every 56-digit
 * number, as the positions they name are older.
 */
public record SequenceNumber(int shardIndex, long offset) implements Comparable<SequenceNumber> {
    /** What the Kinesis API model accepts as a sequence number in a request. */
    public static final java.util.regex.Pattern WIRE_PATTERN = java.util.regex.Pattern.compile("0|([1-9]\\d{0,128})");
    private static final String VERSION = "49";
    private static final int SHARD_DIGITS = 10;
    private static final int OFFSET_DIGITS = 20;
    private static final int PADDING_DIGITS = 24;
    private static final int POSITION_START = VERSION.length();
    private static final int LENGTH = POSITION_START + SHARD_DIGITS + OFFSET_DIGITS + PADDING_DIGITS;
    private static final int LEGACY_LENGTH = 1 + SHARD_DIGITS + OFFSET_DIGITS;

    public SequenceNumber {
        if (shardIndex < 0 || offset < -1 || offset == Long.MAX_VALUE) {
            throw new IllegalArgumentException("Shard index or offset out of range: " + shardIndex + ", " + offset);
        }
    }

    /** The number to continue after in order to read from {@code offset} on (AFTER_SEQUENCE_NUMBER). */
    public static SequenceNumber before(int shardIndex, long offset) {
        return new SequenceNumber(shardIndex, offset - 1);
    }

    /** How many digits {@link #encode()} has. */
    public static final int DIGITS = LENGTH;

    /** The decimal form clients see. */
    public String encode() {
        byte[] digits = new byte[LENGTH];
        encodeInto(digits);
        return new String(digits, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the decimal form as ASCII into the first {@link #DIGITS} bytes of {@code digits}: for
     * writers that take bytes, so that a response of thousands of records makes no string per record.
     */
    public void encodeInto(byte[] digits) {
        digits[0] = '4';
        digits[1] = '9';
        fill(digits, POSITION_START + SHARD_DIGITS, SHARD_DIGITS, shardIndex);
        fill(digits, POSITION_START + SHARD_DIGITS + OFFSET_DIGITS, OFFSET_DIGITS, offset + 1);
        java.util.Arrays.fill(digits, LENGTH - PADDING_DIGITS, LENGTH, (byte) '0');
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
        return tryDecode(text).orElseThrow(() -> ErrorCode.INVALID_ARGUMENT.exception("StartingSequenceNumber %s is invalid.", text));
    }

    /** The position a number this service issued names; empty for any other text. */
    public static java.util.Optional<SequenceNumber> tryDecode(String text) {
        int start;
        if (text == null) {
            return java.util.Optional.empty();
        } else if (text.length() == LENGTH && text.startsWith(VERSION) && zeros(text, LENGTH - PADDING_DIGITS, LENGTH)) {
            start = POSITION_START;
        } else if (text.length() == LEGACY_LENGTH && text.charAt(0) == '1') {
            start = 1;
        } else {
            return java.util.Optional.empty();
        }
        for (int i = start; i < start + SHARD_DIGITS + OFFSET_DIGITS; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return java.util.Optional.empty();
            }
        }
        long shard = Long.parseLong(text, start, start + SHARD_DIGITS, 10);
        long offset;
        try {
            offset = Long.parseLong(text, start + SHARD_DIGITS, start + SHARD_DIGITS + OFFSET_DIGITS, 10) - 1;
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
        if (shard > Integer.MAX_VALUE || offset == Long.MAX_VALUE) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SequenceNumber((int) shard, offset));
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

    /** Writes {@code value} as {@code width} zero-padded decimal digits ending just before {@code end}. */
    private static void fill(byte[] digits, int end, int width, long value) {
        for (int i = end - 1; i >= end - width; i--) {
            digits[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static boolean zeros(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
