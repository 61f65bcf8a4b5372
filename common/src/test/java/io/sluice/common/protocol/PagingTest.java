package io.sluice.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {
    private final Instant now = Instant.parse("2026-11-30T12:00:00Z");
    private final Paging paging = new Paging(Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void aPageShowsUpToTheLimitAndSaysWhetherMoreFollow() {
        Paging.Page<String> page = paging.page(List.of("a", "b", "c"), 2, "scope", s -> s);
        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.hasMore()).isTrue();
        assertThat(paging.startAfter(page.nextToken(), "scope", null)).isEqualTo("b");

        Paging.Page<String> last = paging.page(List.of("c"), 2, "scope", s -> s);
        assertThat(last.hasMore()).isFalse();
        assertThat(last.nextToken()).isNull();
        assertThat(last.map(String::toUpperCase).items()).containsExactly("C");
    }

    @Test
    void theStartIsTheTokensPositionOrTheExclusiveStartKey() {
        assertThat(paging.startAfter(null, "scope", null)).isEmpty();
        assertThat(paging.startAfter(null, "scope", "orders")).isEqualTo("orders");
        String token = new PageToken("scope", "x", now).encode();
        assertThatThrownBy(() -> paging.startAfter(token, "scope", "orders"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> paging.startAfter(token, "another listing", null))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> paging.startAfter("not a token!", "scope", null))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void tokensExpireAfterTheirLifetime() {
        String old = new PageToken("scope", "x", now.minus(Paging.TOKEN_LIFETIME).minus(Duration.ofSeconds(1))).encode();
        assertThatThrownBy(() -> paging.startAfter(old, "scope", null))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXPIRED_NEXT_TOKEN));
        String fresh = new PageToken("scope", "x", now.minus(Paging.TOKEN_LIFETIME)).encode();
        assertThat(paging.startAfter(fresh, "scope", null)).isEqualTo("x");
    }
}
