package io.sluice.streams.iterator;

import io.sluice.common.error.ErrorCode;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shard iterators: a position and the time it was issued, signed with HMAC-SHA256 (truncated to
 * 128 bits) so that a client can neither forge nor alter one, and rejected once older than the
 * iterator lifetime. The signing key is shared by every instance of the service.
 */
public final class ShardIteratorCodec {
    private static final byte VERSION = 1;
    private static final int PAYLOAD = 1 + 8 + 4 + 8 + 8;
    private static final int MAC_BYTES = 16;
    /** Times as AWS prints them in ExpiredIteratorException: Java's {@code Date.toString()} in UTC ({@code Thu Jan 01 00:05:01 UTC 2015}). */
    private static final java.time.format.DateTimeFormatter JAVA_DATE =
            java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", java.util.Locale.US).withZone(java.time.ZoneOffset.UTC);

    private final ThreadLocal<Mac> mac;
    private final Duration ttl;

    public ShardIteratorCodec(byte[] key, Duration ttl) {
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is a mandatory JDK algorithm", e);
            }
        });
        this.ttl = ttl;
    }

    public String encode(ShardPosition position, Instant issuedAt) {
        ByteBuffer buffer = ByteBuffer.allocate(PAYLOAD + MAC_BYTES);
        buffer.put(VERSION).putLong(position.streamId()).putInt(position.shardIndex())
                .putLong(position.offset()).putLong(issuedAt.toEpochMilli());
        buffer.put(sign(buffer.array()), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    private static String javaDate(Instant instant) {
        return JAVA_DATE.format(instant);
    }

    /**
     * The position an iterator points to.
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException for an iterator this
     *     service did not issue or that was altered; ExpiredIteratorException when it is too old
     */
    public ShardPosition decode(String iterator, Instant now) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(iterator);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length != PAYLOAD + MAC_BYTES || bytes[0] != VERSION) {
            throw invalid();
        }
        byte[] expected = Arrays.copyOf(sign(bytes), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, PAYLOAD, PAYLOAD + MAC_BYTES))) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, PAYLOAD - 1);
        ShardPosition position = new ShardPosition(buffer.getLong(), buffer.getInt(), buffer.getLong());
        Instant issuedAt = Instant.ofEpochMilli(buffer.getLong());
        if (issuedAt.plus(ttl).isBefore(now)) {
            throw ErrorCode.EXPIRED_ITERATOR.exception(
                    "Iterator expired. The iterator was created at time %s while right now it is %s which is further in the future than the tolerated delay of %d milliseconds.",
                    javaDate(issuedAt), javaDate(now), ttl.toMillis());
        }
        return position;
    }

    private byte[] sign(byte[] message) {
        Mac m = mac.get();
        m.update(message, 0, PAYLOAD);
        return m.doFinal();
    }

    private static RuntimeException invalid() {
        return ErrorCode.INVALID_ARGUMENT.exception("Invalid ShardIterator.");
    }
}
