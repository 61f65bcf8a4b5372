package io.sluice.gateway.auth;

import io.sluice.common.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * What a request's Signature Version 4 says, from its Authorization header or, presigned, from its
 * query: who signed (access key and credential scope), when, which headers, and the signature.
 * Parsing refuses what is not a complete signature with AWS's IncompleteSignatureException and its
 * messages.
 *
 * @param accessKeyId the signer's access key id
 * @param scope the credential scope
 * @param signedHeaders the signed headers' names, lower case, in the order signed
 * @param signature the signature (hex)
 * @param time when it was signed
 * @param timeText that time as the request wrote it ({@code X-Amz-Date}, or the {@code Date} header)
 * @param expires how long a presigned request is good for; null for the Authorization header
 */
record SignedRequest(String accessKeyId, SigV4.Scope scope, List<String> signedHeaders, String signature, Instant time, String timeText,
        Duration expires) {
    /** The longest a presigned request may be good for: a week. */
    static final Duration MAX_EXPIRES = Duration.ofDays(7);
    private static final List<String> HEADER_PARAMETERS = List.of("Credential", "Signature", "SignedHeaders");
    private static final List<String> QUERY_PARAMETERS = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
            "X-Amz-SignedHeaders", "X-Amz-Date");

    boolean presigned() {
        return expires != null;
    }

    /** Whether the request carries a signature in its query rather than a header. */
    static boolean isPresigned(Map<String, String> query) {
        return query.containsKey("X-Amz-Algorithm");
    }

    /** The signature of the Authorization header. */
    static SignedRequest fromHeader(String authorization, HttpHeaders headers) {
        String trimmed = authorization.trim();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (algorithm.startsWith("AWS4-") && !algorithm.equals(SigV4.ALGORITHM)) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception("Unsupported AWS 'algorithm': '%s'", algorithm);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (space > 0) {
            for (String part : trimmed.substring(space + 1).split("[,\\s]+")) {
                int equals = part.indexOf('=');
                if (equals > 0) {
                    parameters.putIfAbsent(part.substring(0, equals), part.substring(equals + 1));
                }
            }
        }
        String date = headers.getFirst("X-Amz-Date");
        String httpDate = headers.getFirst(HttpHeaders.DATE);
        StringBuilder missing = new StringBuilder();
        for (String name : HEADER_PARAMETERS) {
            if (!algorithm.equals(SigV4.ALGORITHM) || parameters.getOrDefault(name, "").isEmpty()) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        if (date == null && httpDate == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception("%sAuthorization=%s", missing, authorization);
        }
        String[] credential = credentialParts(parameters.get("Credential"));
        Instant time = date != null ? basicTime(date) : httpTime(httpDate);
        return new SignedRequest(credential[0], scope(credential), signedHeaders(parameters.get("SignedHeaders")),
                parameters.get("Signature"), time,
                date != null ? date : SigV4.basic(time), null);
    }

    /** The signature of a presigned request's query (its parameters decoded). */
    static SignedRequest fromQuery(Map<String, String> query) {
        StringBuilder missing = new StringBuilder();
        for (String name : QUERY_PARAMETERS) {
            if (query.getOrDefault(name, "").isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(name).append("'. ");
            }
        }
        if (missing.length() > 0) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception("%sRe-examine the query-string parameters.", missing);
        }
        String algorithm = query.get("X-Amz-Algorithm");
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception("Unsupported AWS 'algorithm': '%s'", algorithm);
        }
        Duration expires;
        try {
            expires = Duration.ofSeconds(Long.parseLong(query.getOrDefault("X-Amz-Expires", "900")));
        } catch (NumberFormatException e) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception("X-Amz-Expires should be a number");
        }
        if (expires.isNegative()) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception("X-Amz-Expires must be non-negative");
        }
        if (expires.compareTo(MAX_EXPIRES) > 0) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception(
                    "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds");
        }
        String[] credential = credentialParts(query.get("X-Amz-Credential"));
        String date = query.get("X-Amz-Date");
        return new SignedRequest(credential[0], scope(credential), signedHeaders(query.get("X-Amz-SignedHeaders")),
                query.get("X-Amz-Signature"),
                basicTime(date), date, expires);
    }

    private static String[] credentialParts(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception(
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '%s'", credential);
        }
        return parts;
    }

    /** The scope of a credential's parts; its terminator must be {@code aws4_request}. */
    private static SigV4.Scope scope(String[] parts) {
        if (!parts[4].equals(SigV4.TERMINATOR)) {
            throw ErrorCode.INVALID_SIGNATURE.exception("Credential should be scoped with a valid terminator: 'aws4_request', not '%s'.",
                    parts[4]);
        }
        return new SigV4.Scope(parts[1], parts[2], parts[3]);
    }

    private static List<String> signedHeaders(String list) {
        return Arrays.stream(list.split(";")).map(name -> name.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /**
     * An X-Amz-Date time. Every request carries one: its usual form (16 characters, digits where
     * digits go) is read field by field, several times faster than the formatter, which still
     * decides every other text the way it always did.
     */
    static Instant basicTime(String text) {
        if (text.length() == 16 && text.charAt(8) == 'T' && text.charAt(15) == 'Z' && digits(text, 0, 8) && digits(text, 9, 15)) {
            try {
                return java.time.LocalDateTime.of(number(text, 0, 4), number(text, 4, 6), number(text, 6, 8),
                        number(text, 9, 11), number(text, 11, 13), number(text, 13, 15)).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                // Not a valid time as written (a 31st of February, hour 24): the formatter's rules decide.
            }
        }
        try {
            return SigV4.BASIC.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception(
                    "Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", text);
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static Instant httpTime(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception(
                    "Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", text);
        }
    }
}
