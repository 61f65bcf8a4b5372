package io.sluice.gateway.auth;

import io.sluice.common.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies Signature Version 4 as AWS does, in two steps: {@link #identify} checks the credential
 * scope and finds the access key before the body is read; {@link #verify} checks the time and the
 * signature over the canonical request once the payload's hash is known. Failures are AWS's errors
 * with AWS's messages (IncompleteSignatureException, InvalidSignatureException,
 * UnrecognizedClientException).
 */
public final class SignatureVerifier {
    /** How far a signature's time may be from the gateway's clock. */
    static final Duration SKEW = Duration.ofMinutes(15);
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final int CACHED_SIGNING_KEYS = 1024;
    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private final AccessKeys keys;
    private final AuthMode mode;
    private final Clock clock;
    /** Signing keys by access key and scope: a scope lasts a day, and each takes four HMACs to derive. */
    private final Map<String, byte[]> signingKeys = new ConcurrentHashMap<>();

    public SignatureVerifier(AccessKeys keys, AuthMode mode, Clock clock) {
        this.keys = keys;
        this.mode = mode;
        this.clock = clock;
    }

    public AuthMode mode() {
        return mode;
    }

    /**
     * Checks the scope (service {@code signingName}, a region, the signature's own date, the
     * {@code host} header signed) and finds the access key; @return it, or empty for a key not
     * known in permissive mode, whose requests are taken as they are (as the emulators take any
     * well-formed signature, whatever its scope).
     */
    public Optional<AccessKey> identify(SignedRequest signed, String signingName) {
        Optional<AccessKey> key = keys.find(signed.accessKeyId());
        if (key.isEmpty() && mode == AuthMode.PERMISSIVE) {
            return key;
        }
        SigV4.Scope scope = signed.scope();
        if (!scope.service().equals(signingName)) {
            throw ErrorCode.INVALID_SIGNATURE.exception("Credential should be scoped to correct service: '%s'. ", signingName);
        }
        if (!REGION.matcher(scope.region()).matches()) {
            throw ErrorCode.INVALID_SIGNATURE.exception("Credential should be scoped to a valid region. ");
        }
        String day = signed.timeText().length() >= 8 ? signed.timeText().substring(0, 8) : signed.timeText();
        if (!scope.date().equals(day)) {
            throw ErrorCode.INVALID_SIGNATURE.exception(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.",
                    scope.date(), day, signed.timeText());
        }
        if (!signed.signedHeaders().contains("host")) {
            throw ErrorCode.INCOMPLETE_SIGNATURE.exception("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (key.isEmpty()) {
            throw ErrorCode.UNRECOGNIZED_CLIENT.exception("The security token included in the request is invalid.");
        }
        return key;
    }

    /** Checks the signature's time and the signature itself, over {@code request} with {@code payloadHash}. */
    public void verify(AccessKey key, SignedRequest signed, CanonicalRequest request, String payloadHash) {
        checkTime(signed);
        String canonical = request.of(signed.signedHeaders(), payloadHash, signed.presigned());
        String stringToSign = SigV4.ALGORITHM + "\n" + signed.timeText() + "\n" + signed.scope() + "\n" + SigV4.sha256Hex(canonical);
        String expected = SigV4.sign(signingKey(key, signed.scope()), stringToSign);
        if (!SigV4.same(expected, signed.signature())) {
            throw ErrorCode.INVALID_SIGNATURE.exception("%s%n%nThe Canonical String for this request should have been%n'%s'%n%n"
                    + "The String-to-Sign should have been%n'%s'%n", SIGNATURE_MISMATCH, canonical, stringToSign);
        }
    }

    /** The signing key of an access key for a scope (derived once a day per key and scope). */
    byte[] signingKey(AccessKey key, SigV4.Scope scope) {
        if (signingKeys.size() > CACHED_SIGNING_KEYS) {
            signingKeys.clear();
        }
        return signingKeys.computeIfAbsent(key.accessKeyId() + "\n" + key.secretAccessKey().hashCode() + "\n" + scope,
                k -> SigV4.signingKey(key.secretAccessKey(), scope));
    }

    private void checkTime(SignedRequest signed) {
        Instant now = clock.instant();
        Instant time = signed.time();
        if (time.isAfter(now.plus(SKEW))) {
            throw ErrorCode.INVALID_SIGNATURE.exception("Signature not yet current: %s is still later than %s (%s + 15 min.)",
                    signed.timeText(), SigV4.basic(now.plus(SKEW)), SigV4.basic(now));
        }
        if (signed.presigned()) {
            Instant expiry = time.plus(signed.expires());
            if (now.isAfter(expiry)) {
                throw ErrorCode.INVALID_SIGNATURE.exception("Signature expired: %s is now earlier than %s (%s + %d sec.)",
                        SigV4.basic(expiry), SigV4.basic(now), signed.timeText(), signed.expires().toSeconds());
            }
        } else if (time.isBefore(now.minus(SKEW))) {
            throw ErrorCode.INVALID_SIGNATURE.exception("Signature expired: %s is now earlier than %s (%s - 15 min.)",
                    signed.timeText(), SigV4.basic(now.minus(SKEW)), SigV4.basic(now));
        }
    }
}
