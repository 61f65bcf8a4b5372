package io.sluice.gateway.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of AWS Signature Version 4: SHA-256 and HMAC-SHA256, the signing key derived from a
 * secret and a credential scope, and the timestamps' basic ISO-8601 form.
 */
final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    /** The SHA-256 of nothing: the payload hash of a request without a body. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private SigV4() {
    }

    static String basic(Instant instant) {
        return BASIC.format(instant);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    static String sha256Hex(String text) {
        return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(ByteBuffer bytes) {
        MessageDigest digest = sha256();
        digest.update(bytes);
        return hex(digest.digest());
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    /** The key a scope's signatures are made with: HMACs of date, region, service and terminator, from {@code "AWS4" + secret}. */
    static byte[] signingKey(String secret, Scope scope) {
        byte[] date = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        byte[] region = hmac(date, scope.region());
        byte[] service = hmac(region, scope.service());
        return hmac(service, TERMINATOR);
    }

    /** The signature of {@code stringToSign} with a signing key, as the hex the Authorization header carries. */
    static String sign(byte[] signingKey, String stringToSign) {
        return hex(hmac(signingKey, stringToSign));
    }

    /** Whether two signatures are the same, in time that does not depend on where they differ. */
    static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** A credential scope: {@code <date>/<region>/<service>/aws4_request}. */
    record Scope(String date, String region, String service) {
        @Override
        public String toString() {
            return date + "/" + region + "/" + service + "/" + TERMINATOR;
        }
    }
}
