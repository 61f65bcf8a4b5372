package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The verifier against what the AWS SDK's own signer signs, and against requests altered after signing. */
class SignatureVerifierTest {
    private static final AccessKey KEY = new AccessKey("AKIDSLUICEEXAMPLE01", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "111122223333", null);
    private static final Instant NOW = Instant.parse("2026-11-30T20:30:00Z");
    private static final String BODY = "{\"StreamName\":\"orders\",\"Data\":\"aGVsbG8=\",\"PartitionKey\":\"k\"}";

    /** A request as it reaches the gateway: method, raw path and query, headers, body. */
    private record Wire(String method, String rawPath, String rawQuery, HttpHeaders headers, byte[] body) {
        CanonicalRequest canonical() {
            return new CanonicalRequest(method, rawPath, rawQuery, headers);
        }

        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    int equals = pair.indexOf('=');
                    query.put(CanonicalRequest.decode(pair.substring(0, equals)), CanonicalRequest.decode(pair.substring(equals + 1)));
                }
            }
            return query;
        }

        Wire withHeader(String name, String value) {
            HttpHeaders changed = new HttpHeaders();
            changed.putAll(headers);
            changed.set(name, value);
            return new Wire(method, rawPath, rawQuery, changed, body);
        }

        Wire withBody(String text) {
            return new Wire(method, rawPath, rawQuery, headers, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static SignatureVerifier verifier(AuthMode mode, Instant now) {
        return new SignatureVerifier(new ConfiguredAccessKeys(List.of(KEY)), mode, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Signs with the SDK's AwsV4HttpSigner, as every AWS SDK for Java v2 client does. */
    private static Wire sign(SdkHttpRequest request, String body, String service, AccessKey key, Instant at,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> more) {
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey())).request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            if (body != null) {
                r.payload(ContentStreamProvider.fromUtf8String(body));
            }
            more.accept(r);
        });
        SdkHttpRequest out = signed.request();
        HttpHeaders headers = new HttpHeaders();
        out.forEachHeader((name, values) -> headers.put(name, values));
        if (!headers.containsHeader("Host")) {
            headers.set("Host", out.host() + (out.port() == 80 ? "" : ":" + out.port()));
        }
        byte[] bytes = signed.payload().map(SignatureVerifierTest::read).orElse(new byte[0]);
        return new Wire(out.method().name(), out.encodedPath(), out.encodedQueryParameters().orElse(null), headers, bytes);
    }

    private static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SdkHttpRequest kinesisPut() {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:4566/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "Kinesis_20131202.PutRecord").build();
    }

    /** What the gateway does with a request whose signature is in its Authorization header and whose payload it hashed. */
    private static Optional<AccessKey> authenticate(SignatureVerifier verifier, Wire wire, String service) {
        SignedRequest signed = wire.headers().getFirst("Authorization") != null
                ? SignedRequest.fromHeader(wire.headers().getFirst("Authorization"), wire.headers())
                : SignedRequest.fromQuery(wire.query());
        Optional<AccessKey> key = verifier.identify(signed, service);
        key.ifPresent(k -> {
            String claimed = wire.headers().getFirst(Authentication.CONTENT_SHA256);
            String actual = SigV4.sha256Hex(ByteBuffer.wrap(wire.body()));
            verifier.verify(k, signed, wire.canonical(), claimed != null ? claimed : actual);
            if (claimed != null && !claimed.equals(Authentication.UNSIGNED_PAYLOAD)) {
                Authentication.checkClaimed(claimed, actual);
            }
        });
        return key;
    }

    private static ErrorCode refusal(SignatureVerifier verifier, Wire wire, String service) {
        try {
            authenticate(verifier, wire, service);
        } catch (AwsException e) {
            return e.code();
        }
        return null;
    }

    @Test
    void theSdksSignatureOfAKinesisRequestVerifies() {
        Wire wire = sign(kinesisPut(), BODY, "kinesis", KEY, NOW, r -> { });
        assertThat(authenticate(verifier(AuthMode.STRICT, NOW), wire, "kinesis")).contains(KEY);
    }

    @Test
    void aWrongSecretAnAlteredBodyOrAnAlteredSignedHeaderDoNotVerify() {
        SignatureVerifier verifier = verifier(AuthMode.STRICT, NOW);
        AccessKey wrongSecret = new AccessKey(KEY.accessKeyId(), "not-the-secret", KEY.accountId(), null);
        assertThat(refusal(verifier, sign(kinesisPut(), BODY, "kinesis", wrongSecret, NOW, r -> { }), "kinesis"))
                .isEqualTo(ErrorCode.INVALID_SIGNATURE);
        Wire signed = sign(kinesisPut(), BODY, "kinesis", KEY, NOW, r -> { });
        assertThat(refusal(verifier, signed.withBody(BODY.replace("orders", "ordens")), "kinesis")).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(refusal(verifier, signed.withHeader("X-Amz-Target", "Kinesis_20131202.DeleteStream"), "kinesis"))
                .isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThatThrownBy(() -> authenticate(verifier, signed.withBody("{}"), "kinesis"))
                .hasMessage("The provided 'x-amz-content-sha256' header does not match what was computed.");
        assertThatThrownBy(() -> authenticate(verifier, signed.withHeader("X-Amz-Target", "Kinesis_20131202.DeleteStream"), "kinesis"))
                .hasMessageStartingWith("The request signature we calculated does not match the signature you provided. Check your AWS "
                        + "Secret Access Key and signing method. Consult the service documentation for details.")
                .hasMessageContaining("The Canonical String for this request should have been");
    }

    @Test
    void aSignatureMoreThanFifteenMinutesFromTheClockIsRefusedWithAwsMessages() {
        Wire wire = sign(kinesisPut(), BODY, "kinesis", KEY, NOW, r -> { });
        assertThat(authenticate(verifier(AuthMode.STRICT, NOW.plus(Duration.ofMinutes(14))), wire, "kinesis")).contains(KEY);
        assertThatThrownBy(() -> authenticate(verifier(AuthMode.STRICT, NOW.plus(Duration.ofMinutes(16))), wire, "kinesis"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
                .hasMessage("Signature expired: 20261130T203000Z is now earlier than 20261130T203100Z (20261130T204600Z - 15 min.)");
        assertThatThrownBy(() -> authenticate(verifier(AuthMode.STRICT, NOW.minus(Duration.ofMinutes(16))), wire, "kinesis"))
                .hasMessage("Signature not yet current: 20261130T203000Z is still later than 20261130T202900Z (20261130T201400Z + 15 min.)");
    }

    @Test
    void unknownKeysAreRefusedWhenStrictAndTakenUnverifiedWhenPermissive() {
        AccessKey stranger = new AccessKey("AKIDSTRANGER0000001", "whatever", "444455556666", null);
        Wire wire = sign(kinesisPut(), BODY, "kinesis", stranger, NOW.minus(Duration.ofHours(3)), r -> { });
        assertThatThrownBy(() -> authenticate(verifier(AuthMode.STRICT, NOW), wire, "kinesis"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNRECOGNIZED_CLIENT))
                .hasMessage("The security token included in the request is invalid.");
        assertThat(authenticate(verifier(AuthMode.PERMISSIVE, NOW), wire, "kinesis")).isEmpty();
        // A known key is verified in permissive mode too.
        Wire known = sign(kinesisPut(), BODY, "kinesis", KEY, NOW, r -> { });
        assertThat(refusal(verifier(AuthMode.PERMISSIVE, NOW), known.withBody("{}"), "kinesis")).isEqualTo(ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void theScopeMustNameTheServiceARegionAndTheSignaturesOwnDate() {
        SignatureVerifier verifier = verifier(AuthMode.STRICT, NOW);
        Wire wire = sign(kinesisPut(), BODY, "firehose", KEY, NOW, r -> { });
        assertThatThrownBy(() -> authenticate(verifier, wire, "kinesis")).hasMessage("Credential should be scoped to correct service: 'kinesis'. ");
        String authorization = sign(kinesisPut(), BODY, "kinesis", KEY, NOW, r -> { }).headers().getFirst("Authorization");
        Wire otherDay = wire.withHeader("Authorization", authorization.replace("/20261130/", "/20261129/"));
        assertThatThrownBy(() -> authenticate(verifier, otherDay, "kinesis")).hasMessage("Date in Credential scope does not match YYYYMMDD "
                + "from ISO-8601 version of date from HTTP: '20261129' != '20261130', from '20261130T203000Z'.");
    }

    @Test
    void incompleteAuthorizationHeadersGetAwsMessages() {
        HttpHeaders headers = new HttpHeaders();
        assertThatThrownBy(() -> SignedRequest.fromHeader("Basic dXNlcjpwYXNz", headers))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE))
                .hasMessage("Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a "
                        + "'X-Amz-Date' or a 'Date' header. Authorization=Basic dXNlcjpwYXNz");
        headers.set("X-Amz-Date", "2026-11-30");
        assertThatThrownBy(() -> SignedRequest.fromHeader("AWS4-HMAC-SHA256 Credential=A/B/C, SignedHeaders=host, Signature=ab", headers))
                .hasMessage("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'A/B/C'");
        assertThatThrownBy(() -> SignedRequest.fromHeader("AWS4-HMAC-SHA256 Credential=AKID/20261130/us-east-1/kinesis/aws4_request, "
                + "SignedHeaders=host, Signature=ab", headers))
                .hasMessage("Date must be in ISO-8601 'basic format'. Got '2026-11-30'. See http://en.wikipedia.org/wiki/ISO_8601");
        assertThatThrownBy(() -> SignedRequest.fromHeader("AWS4-HMAC-SHA512 Credential=x", headers))
                .hasMessage("Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'");
        assertThatThrownBy(() -> SignedRequest.fromQuery(Map.of("X-Amz-Algorithm", "AWS4-HMAC-SHA256", "X-Amz-Date", "20261130T203000Z")))
                .hasMessage("AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include "
                        + "'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string "
                        + "parameters.");
    }

    @Test
    void pathsAndQueriesWithReservedCharactersVerifyAsTheSdkEncodesThem() {
        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:4566/v1/streams/my%20stream/records"))
                .putRawQueryParameter("shardId", "shardId-000000000001").putRawQueryParameter("from", "AT_TIMESTAMP")
                .putRawQueryParameter("timestamp", "2026-11-30T20:00:00+01:00").putRawQueryParameter("a b", List.of("x*y", "ü~"))
                .build();
        Wire wire = sign(get, null, "sluice", KEY, NOW, r -> { });
        assertThat(authenticate(verifier(AuthMode.STRICT, NOW), wire, "sluice")).contains(KEY);
    }

    @Test
    void aPresignedRequestVerifiesUntilItExpires() {
        Wire wire = sign(kinesisPut(), BODY, "kinesis", KEY, NOW, r -> r
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
        assertThat(wire.headers().getFirst("Authorization")).isNull();
        assertThat(authenticate(verifier(AuthMode.STRICT, NOW.plus(Duration.ofMinutes(4))), wire, "kinesis")).contains(KEY);
        assertThatThrownBy(() -> authenticate(verifier(AuthMode.STRICT, NOW.plus(Duration.ofMinutes(6))), wire, "kinesis"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
                .hasMessageStartingWith("Signature expired: 20261130T203500Z is now earlier than 20261130T203600Z");
    }

    @Test
    void aChunkSignedPayloadDecodesAndEveryChunkIsVerified() {
        String payload = "x".repeat(200_000);
        Wire wire = sign(kinesisPut(), payload, "kinesis", KEY, NOW, r -> r
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        String claimed = wire.headers().getFirst(Authentication.CONTENT_SHA256);
        assertThat(AwsChunkedBody.isChunked(claimed)).as(claimed).isTrue();
        SignatureVerifier verifier = verifier(AuthMode.STRICT, NOW);
        SignedRequest signed = SignedRequest.fromHeader(wire.headers().getFirst("Authorization"), wire.headers());
        verifier.verify(KEY, signed, wire.canonical(), claimed);
        AwsChunkedBody.ChunkSigning signing = chunkSigning(verifier, signed, false);
        byte[] tampered = wire.body().clone();
        tampered[tampered.length / 2] = 'y';
        assertThat(decoded(wire.body(), signing)).isEqualTo(payload);
        assertThatThrownBy(() -> AwsChunkedBody.decode(tampered, signing))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Test
    void anUnsignedPayloadVerifiesWithoutItsBody() {
        // Payload signing is left out only over HTTPS.
        SdkHttpRequest https = kinesisPut().toBuilder().protocol("https").port(4566).build();
        Wire wire = sign(https, BODY, "kinesis", KEY, NOW, r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        assertThat(wire.headers().getFirst(Authentication.CONTENT_SHA256)).isEqualTo(Authentication.UNSIGNED_PAYLOAD);
        assertThat(authenticate(verifier(AuthMode.STRICT, NOW), wire.withBody("anything"), "kinesis")).contains(KEY);
    }

    @Test
    void signedTrailingHeadersAreVerifiedAndMayNotBeLeftOut() {
        String payload = "y".repeat(100_000);
        Wire wire = sign(kinesisPut(), payload, "kinesis", KEY, NOW, r -> r
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        String claimed = wire.headers().getFirst(Authentication.CONTENT_SHA256);
        assertThat(claimed).isEqualTo(AwsChunkedBody.SIGNED_WITH_TRAILER);
        SignatureVerifier verifier = verifier(AuthMode.STRICT, NOW);
        SignedRequest signed = SignedRequest.fromHeader(wire.headers().getFirst("Authorization"), wire.headers());
        verifier.verify(KEY, signed, wire.canonical(), claimed);
        AwsChunkedBody.ChunkSigning signing = chunkSigning(verifier, signed, true);
        String body = new String(wire.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("x-amz-trailer-signature:");

        String unsignedTrailer = body.replaceAll("x-amz-trailer-signature:[0-9a-f]+\\r\\n", "");
        assertThatThrownBy(() -> AwsChunkedBody.decode(unsignedTrailer.getBytes(StandardCharsets.ISO_8859_1), signing))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE))
                .hasMessageContaining("no x-amz-trailer-signature");
        String alteredChecksum = body.replaceAll("(x-amz-checksum-crc32:)[^\\r]+", "$1AAAAAA==");
        assertThatThrownBy(() -> AwsChunkedBody.decode(alteredChecksum.getBytes(StandardCharsets.ISO_8859_1), signing))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
                .hasMessageContaining("trailing headers");
        assertThat(decoded(wire.body(), signing)).isEqualTo(payload);
    }

    @Test
    void anUnsignedChunkedPayloadWithTrailingChecksumsDecodes() {
        SdkHttpRequest https = kinesisPut().toBuilder().protocol("https").port(4566).build();
        String payload = "z".repeat(70_000);
        Wire wire = sign(https, payload, "kinesis", KEY, NOW, r -> r
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        String claimed = wire.headers().getFirst(Authentication.CONTENT_SHA256);
        assertThat(claimed).isEqualTo(AwsChunkedBody.UNSIGNED_WITH_TRAILER);
        SignedRequest signed = SignedRequest.fromHeader(wire.headers().getFirst("Authorization"), wire.headers());
        verifier(AuthMode.STRICT, NOW).verify(KEY, signed, wire.canonical(), claimed);
        assertThat(decoded(wire.body(), null)).isEqualTo(payload);
    }

    private static AwsChunkedBody.ChunkSigning chunkSigning(SignatureVerifier verifier, SignedRequest signed, boolean trailer) {
        return new AwsChunkedBody.ChunkSigning(verifier.signingKey(KEY, signed.scope()), signed.timeText(), signed.scope(),
                signed.signature(), trailer);
    }

    /** The payload decoded (in place: {@code body} is overwritten). */
    private static String decoded(byte[] body, AwsChunkedBody.ChunkSigning signing) {
        return StandardCharsets.UTF_8.decode(AwsChunkedBody.decode(body, signing)).toString();
    }
}
