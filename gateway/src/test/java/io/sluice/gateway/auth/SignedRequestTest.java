package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignedRequestTest {

    @Test
    void xAmzDateIsReadAsTheFormatterReadsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant time = Instant.ofEpochSecond(random.nextLong(0, 253402300799L)); // years 1970 to 9999
            String text = SigV4.basic(time);
            assertThat(SignedRequest.basicTime(text)).as(text).isEqualTo(time).isEqualTo(SigV4.BASIC.parse(text, Instant::from));
        }
    }

    @Test
    void textsTheFastPathDoesNotTakeAreLeftToTheFormatter() {
        for (String text : new String[] {"20260229T120000Z", "20261301T000000Z", "20261201T250000Z", "20261201T126000Z"}) {
            Object expected;
            try {
                expected = SigV4.BASIC.parse(text, Instant::from);
            } catch (DateTimeParseException e) {
                expected = ErrorCode.INCOMPLETE_SIGNATURE;
            }
            Object actual;
            try {
                actual = SignedRequest.basicTime(text);
            } catch (AwsException e) {
                actual = e.code();
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
        for (String text : new String[] {"2026-12-01T12:00:00Z", "20261201T120000", "2026120XT120000Z", "20261201 120000Z", ""}) {
            assertThatThrownBy(() -> SignedRequest.basicTime(text)).as(text)
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE));
        }
    }
}
