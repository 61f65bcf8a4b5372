package io.sluice.common.kinesis;

import io.sluice.common.error.ErrorCode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Kinesis hash keys: MD5 of the partition key read as an unsigned 128-bit integer, or an explicit
 * hash key given by the producer. Each open shard owns a contiguous range of this key space.
 */
public final class HashKey {
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    /** What the Kinesis API model accepts as an ExplicitHashKey. */
    public static final java.util.regex.Pattern WIRE_PATTERN = java.util.regex.Pattern.compile("0|([1-9]\\d{0,38})");

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    });

    private HashKey() {
    }

    public static BigInteger ofPartitionKey(String partitionKey) {
        byte[] digest = MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, digest);
    }

    /**
     * The hash key a record routes by: its ExplicitHashKey when given, else MD5 of its partition key.
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException when the explicit key is
     *     outside [0, 2^128 - 1]
     */
    public static BigInteger route(String partitionKey, String explicitHashKey) {
        if (explicitHashKey == null) {
            return ofPartitionKey(partitionKey);
        }
        BigInteger key = new BigInteger(explicitHashKey);
        if (key.signum() < 0 || key.compareTo(MAX) > 0) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was %s",
                    explicitHashKey);
        }
        return key;
    }
}
