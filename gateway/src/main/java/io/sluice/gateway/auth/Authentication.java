package io.sluice.gateway.auth;

import io.sluice.common.access.Principal;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Authenticates a request with Signature Version 4 before the gateway forwards it. The body is
 * read into memory once, within the size limit, its buffers joined without a copy, and forwarded
 * in one write: for a known key whose signature covers it, to hash it; for a key a permissive
 * gateway does not know, because a body proxied piece by piece costs the gateway a write to the
 * service per piece, and an HTTP/2 client may send its body in frames of 16 KiB whatever frame size
 * the gateway allows (the AWS SDK for JavaScript v3 on Node.js does: a PutRecords of 500 records of
 * 1 KiB, about 700 KB of JSON, arrives in 53 frames; its HTTP/2 ingest was 0.60x its HTTP/1.1 ingest
 * streamed, 0.79x joined). UNSIGNED-PAYLOAD requests of known keys stream through unread.
 */
public final class Authentication {
    /** The header that says what the payload hash is, when a client sends it. */
    static final String CONTENT_SHA256 = "x-amz-content-sha256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final SignatureVerifier verifier;
    private final long maxRequestBytes;

    public Authentication(SignatureVerifier verifier, long maxRequestBytes) {
        this.verifier = verifier;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * An authenticated request: the exchange to forward, and the access key it was verified with
     * (empty for a key a permissive gateway does not know).
     */
    public record Authenticated(ServerWebExchange exchange, Optional<AccessKey> key) {
    }

    /** Whether unsigned requests of the REST API are taken (permissive mode), as the Swagger UI sends them. */
    public boolean takesUnsigned() {
        return verifier.mode() == AuthMode.PERMISSIVE;
    }

    /** Whether the request carries a signature at all (an Authorization header or a presigned query). */
    public static boolean isSigned(ServerHttpRequest request) {
        return request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION) != null || request.getQueryParams().containsKey("X-Amz-Algorithm");
    }

    /**
     * Authenticates an exchange signed for the service {@code signingName}; the Mono fails with the
     * AwsException a client gets (MissingAuthenticationTokenException, IncompleteSignatureException,
     * InvalidSignatureException, UnrecognizedClientException, RequestEntityTooLargeException).
     */
    public Mono<Authenticated> authenticate(ServerWebExchange exchange, String signingName) {
        ServerHttpRequest request = exchange.getRequest();
        SignedRequest signed;
        Optional<AccessKey> key;
        try {
            signed = parse(request);
            key = verifier.identify(signed, signingName);
        } catch (AwsException e) {
            return Mono.error(e);
        }
        if (key.isEmpty()) {
            return body(request).map(body -> new Authenticated(anonymous(forward(exchange, body, null)), key));
        }
        CanonicalRequest canonical = new CanonicalRequest(request.getMethod().name(), request.getURI().getRawPath(),
                request.getURI().getRawQuery(), request.getHeaders());
        String claimed = request.getHeaders().getFirst(CONTENT_SHA256);
        if (UNSIGNED_PAYLOAD.equals(claimed)) {
            return verified(key.get(), signed, canonical, UNSIGNED_PAYLOAD).thenReturn(new Authenticated(withCaller(exchange, key.get()), key));
        }
        if (claimed != null && claimed.matches("[0-9a-fA-F]{64}")) {
            // The claimed hash is what was signed: a wrong signature is refused before the body is read.
            return verified(key.get(), signed, canonical, claimed.toLowerCase(java.util.Locale.ROOT))
                    .then(body(request))
                    .flatMap(body -> matching(body, claimed))
                    .map(body -> new Authenticated(withCaller(forward(exchange, body, null), key.get()), key));
        }
        if (AwsChunkedBody.isChunked(claimed)) {
            return verified(key.get(), signed, canonical, claimed)
                    .then(body(request))
                    .map(body -> new Authenticated(withCaller(forward(exchange, body, dechunked(body, key.get(), signed, claimed)), key.get()),
                            key));
        }
        return body(request).flatMap(body -> {
            String hash = body.map(Authentication::sha256Hex).orElse(SigV4.EMPTY_SHA256);
            try {
                verifyPresignedToo(key.get(), signed, canonical, hash);
            } catch (AwsException e) {
                body.ifPresent(DataBufferUtils::release);
                return Mono.error(e);
            }
            return Mono.just(new Authenticated(withCaller(forward(exchange, body, null), key.get()), key));
        });
    }

    /**
     * What {@link #authenticate} fails with when the body it reads does not arrive whole: it stopped
     * arriving until the read timeout cut it off, or its connection failed while it arrived.
     */
    public static final class BodyNotReceived extends RuntimeException {
        BodyNotReceived(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    /**
     * Answers a request whose body did not arrive whole ({@link BodyNotReceived}) as the server
     * answers a body it reads itself: 408, and the connection closed.
     */
    public static Mono<Void> bodyNotReceived(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.REQUEST_TIMEOUT);
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return response.setComplete();
    }

    /** The exchange without any caller header a client sent: the services then serve it as their configured account. */
    public static ServerWebExchange anonymous(ServerWebExchange exchange) {
        return exchange.mutate().request(r -> r.headers(Authentication::removeCallerHeaders)).build();
    }

    /** The exchange with the verified key's account, principal and policy for the service, and no others. */
    private static ServerWebExchange withCaller(ServerWebExchange exchange, AccessKey key) {
        return exchange.mutate().request(r -> r.headers(headers -> {
            removeCallerHeaders(headers);
            headers.set(AwsHeaders.CALLER_ACCOUNT, key.accountId());
            headers.set(AwsHeaders.CALLER_PRINCIPAL, Principal.arnOf(key.accountId(), key.accessKeyId()));
            if (key.policy() != null) {
                headers.set(AwsHeaders.CALLER_POLICY, Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(key.policy().getBytes(StandardCharsets.UTF_8)));
            }
        })).build();
    }

    private static void removeCallerHeaders(HttpHeaders headers) {
        headers.headerNames().stream()
                .filter(name -> name.regionMatches(true, 0, AwsHeaders.CALLER_PREFIX, 0, AwsHeaders.CALLER_PREFIX.length()))
                .toList().forEach(headers::remove);
    }

    /** A presigned request may have been signed over the payload or, as presigners do, over UNSIGNED-PAYLOAD. */
    private void verifyPresignedToo(AccessKey key, SignedRequest signed, CanonicalRequest canonical, String hash) {
        try {
            verifier.verify(key, signed, canonical, hash);
        } catch (AwsException e) {
            if (!signed.presigned() || e.code() != ErrorCode.INVALID_SIGNATURE) {
                throw e;
            }
            verifier.verify(key, signed, canonical, UNSIGNED_PAYLOAD);
        }
    }

    private Mono<Void> verified(AccessKey key, SignedRequest signed, CanonicalRequest canonical, String payloadHash) {
        return Mono.fromRunnable(() -> verifier.verify(key, signed, canonical, payloadHash));
    }

    private static SignedRequest parse(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        Map<String, String> query = new LinkedHashMap<>();
        request.getQueryParams().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
        if (authorization != null) {
            return SignedRequest.fromHeader(authorization, request.getHeaders());
        }
        if (SignedRequest.isPresigned(query)) {
            return SignedRequest.fromQuery(query);
        }
        throw ErrorCode.MISSING_AUTHENTICATION_TOKEN.exception("Missing Authentication Token");
    }

    private Mono<Optional<DataBuffer>> body(ServerHttpRequest request) {
        return joinedBody(request, maxRequestBytes);
    }

    /**
     * The request's whole body, joined without a copy, within {@code limit} bytes; empty for none.
     * Over the limit it fails with RequestEntityTooLargeException, and a body that does not arrive
     * whole with {@link BodyNotReceived}.
     */
    public static Mono<Optional<DataBuffer>> joinedBody(ServerHttpRequest request, long limit) {
        return DataBufferUtils.join(request.getBody().onErrorMap(BodyNotReceived::new), (int) Math.min(Integer.MAX_VALUE, limit))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorMap(DataBufferLimitException.class, e -> ErrorCode.REQUEST_TOO_LARGE.exception(
                        "Request body exceeds the limit of %d bytes.", limit));
    }

    private static Mono<Optional<DataBuffer>> matching(Optional<DataBuffer> body, String claimed) {
        try {
            checkClaimed(claimed, body.map(Authentication::sha256Hex).orElse(SigV4.EMPTY_SHA256));
        } catch (AwsException e) {
            body.ifPresent(DataBufferUtils::release);
            return Mono.error(e);
        }
        return Mono.just(body);
    }

    /** A payload hash the client claimed (and signed) must be the body's. */
    static void checkClaimed(String claimed, String actual) {
        if (!actual.equalsIgnoreCase(claimed)) {
            throw ErrorCode.INVALID_SIGNATURE.exception("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
    }

    private ByteBuffer dechunked(Optional<DataBuffer> body, AccessKey key, SignedRequest signed, String claimed) {
        byte[] bytes = new byte[body.map(DataBuffer::readableByteCount).orElse(0)];
        body.ifPresent(buffer -> {
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
        });
        AwsChunkedBody.ChunkSigning signing = claimed.equals(AwsChunkedBody.UNSIGNED_WITH_TRAILER) ? null
                : new AwsChunkedBody.ChunkSigning(verifier.signingKey(key, signed.scope()), signed.timeText(), signed.scope(),
                        signed.signature().toLowerCase(java.util.Locale.ROOT), claimed.equals(AwsChunkedBody.SIGNED_WITH_TRAILER));
        return AwsChunkedBody.decode(bytes, signing);
    }

    private static String sha256Hex(DataBuffer buffer) {
        java.security.MessageDigest digest = SigV4.sha256();
        try (DataBuffer.ByteBufferIterator parts = buffer.readableByteBuffers()) {
            parts.forEachRemaining(digest::update);
        }
        return SigV4.hex(digest.digest());
    }

    /**
     * The exchange with its body served from what was read: the joined buffers as they are, or the
     * payload decoded from aws-chunked encoding (its headers then say so).
     */
    private static ServerWebExchange forward(ServerWebExchange exchange, Optional<DataBuffer> body, ByteBuffer decoded) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        Flux<DataBuffer> content;
        if (decoded != null) {
            headers.setContentLength(decoded.remaining());
            headers.remove("x-amz-decoded-content-length");
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            java.util.List<String> encodings = headers.getOrEmpty(HttpHeaders.CONTENT_ENCODING).stream()
                    .flatMap(value -> java.util.Arrays.stream(value.split(",")).map(String::trim))
                    .filter(encoding -> !encoding.equalsIgnoreCase("aws-chunked") && !encoding.isEmpty()).toList();
            headers.remove(HttpHeaders.CONTENT_ENCODING);
            if (!encodings.isEmpty()) {
                headers.put(HttpHeaders.CONTENT_ENCODING, encodings);
            }
            content = Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(decoded)));
        } else {
            content = body.map(Flux::just).orElseGet(Flux::empty);
        }
        ServerHttpRequest withBody = new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return content;
            }
        };
        return exchange.mutate().request(withBody).build();
    }
}
