package io.sluice.common.kinesis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shard id as Kinesis formats it ({@code shardId-000000000003}). The number is the shard's index
 * in its stream, which is also its Kafka partition. Requests may name a shard as AWS takes it: by
 * the number after its last hyphen, whatever precedes it ({@code shardId-3}, {@code shard-0003}),
 * or by the number alone.
 */
public record ShardId(int index) implements Comparable<ShardId> {
    private static final Pattern FORMAT = Pattern.compile("(?:.*-)?0*(\\d{1,10})");

    public ShardId {
        if (index < 0) {
            throw new IllegalArgumentException("Shard index must not be negative: " + index);
        }
    }

    /** The shard id this text names, or empty when it names none (no number at its end, or one beyond any index). */
    public static Optional<ShardId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long index = Long.parseLong(m.group(1));
        return index > Integer.MAX_VALUE ? Optional.empty() : Optional.of(new ShardId((int) index));
    }

    @Override
    public int compareTo(ShardId other) {
        return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        char[] text = "shardId-000000000000".toCharArray();
        int value = index;
        for (int i = text.length - 1; value > 0; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new String(text);
    }
}
