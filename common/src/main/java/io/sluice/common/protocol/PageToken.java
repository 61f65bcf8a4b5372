package io.sluice.common.protocol;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A NextToken of a paginated list: where the next page starts (the last key returned, and the
 * scope it belongs to), and when it was issued, so that it can expire as AWS tokens do.
 *
 * @param scope what the listing is of (a stream name, an account)
 * @param after the last key the previous page returned
 * @param issuedAt when the token was handed out
 */
public record PageToken(String scope, String after, Instant issuedAt) {
    private static final char SEPARATOR = '\n';

    public String encode() {
        String text = issuedAt.toEpochMilli() + String.valueOf(SEPARATOR) + scope + SEPARATOR + after;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a token and checks its age.
     *
     * @throws AwsException InvalidArgumentException for a token this service did not issue,
     *     ExpiredNextTokenException for one older than {@code ttl}
     */
    public static PageToken decode(String token, Instant now, Duration ttl) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int first = text.indexOf(SEPARATOR);
            int second = text.indexOf(SEPARATOR, first + 1);
            if (first < 0 || second < 0) {
                throw invalid();
            }
            PageToken decoded = new PageToken(text.substring(first + 1, second), text.substring(second + 1),
                    Instant.ofEpochMilli(Long.parseLong(text.substring(0, first))));
            if (decoded.issuedAt().plus(ttl).isBefore(now)) {
                throw ErrorCode.EXPIRED_NEXT_TOKEN.exception("The NextToken has expired. Please restart the listing.");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static AwsException invalid() {
        return ErrorCode.INVALID_ARGUMENT.exception("Invalid NextToken.");
    }
}
