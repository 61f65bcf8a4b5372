package io.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.streams.iterator.ShardIteratorCodec;
import io.sluice.streams.iterator.ShardPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ShardIteratorCodecTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ShardIteratorCodec codec = new ShardIteratorCodec("k".repeat(32).getBytes(), Duration.ofMinutes(5));

    @Test
    void roundTripsAPosition() {
        ShardPosition position = new ShardPosition(42, 3, 1_000_000_007L);
        String iterator = codec.encode(position, NOW);
        assertThat(iterator.length()).isLessThanOrEqualTo(512);
        assertThat(codec.decode(iterator, NOW.plusSeconds(299))).isEqualTo(position);
    }

    @Test
    void expiresAfterItsLifetime() {
        String iterator = codec.encode(new ShardPosition(1, 0, 0), NOW);
        assertThatThrownBy(() -> codec.decode(iterator, NOW.plus(Duration.ofMinutes(5)).plusMillis(1)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXPIRED_ITERATOR));
    }

    @Test
    void rejectsEveryAlteredByte() {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(new ShardPosition(7, 1, 99), NOW));
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x01;
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThatThrownBy(() -> codec.decode(forged, NOW)).as("byte %d", i)
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void rejectsIteratorsSignedWithAnotherKeyAndGarbage() {
        ShardIteratorCodec other = new ShardIteratorCodec("x".repeat(32).getBytes(), Duration.ofMinutes(5));
        String foreign = other.encode(new ShardPosition(7, 1, 99), NOW);
        for (String bad : new String[] {foreign, "not-base64!", "AAAA", ""}) {
            assertThatThrownBy(() -> codec.decode(bad, NOW)).as(bad)
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }
}
