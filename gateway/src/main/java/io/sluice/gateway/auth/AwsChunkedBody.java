package io.sluice.gateway.auth;

import io.sluice.common.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A body in {@code aws-chunked} encoding, as SDKs stream a payload they sign chunk by chunk
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, with {@code -TRAILER} when trailing headers follow)
 * or send unsigned with trailing checksums ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}): decoded to
 * the payload, each chunk's signature (chained from the request's own) and the trailer's verified.
 */
final class AwsChunkedBody {
    static final String SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String SIGNED_WITH_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String UNSIGNED_WITH_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private final byte[] body;
    private int at;

    private AwsChunkedBody(byte[] body) {
        this.body = body;
    }

    static boolean isChunked(String contentSha256) {
        return SIGNED.equals(contentSha256) || SIGNED_WITH_TRAILER.equals(contentSha256) || UNSIGNED_WITH_TRAILER.equals(contentSha256);
    }

    /**
     * The chained signatures of a signed body: the signing key and the request's scope and time, the
     * request's own signature, which the first chunk's chains from, and whether signed trailing
     * headers must follow the last chunk ({@code -TRAILER}).
     */
    record ChunkSigning(byte[] signingKey, String timeText, SigV4.Scope scope, String seedSignature, boolean trailer) {
    }

    /**
     * The payload of a chunked body, decoded in place: the chunks' data moved to the front of
     * {@code body} (each lands before where it was read), so no second copy of the body is made.
     *
     * @param signing null for an unsigned body
     * @return the payload: {@code body}'s first bytes
     */
    static ByteBuffer decode(byte[] body, ChunkSigning signing) {
        return new AwsChunkedBody(body).payload(signing);
    }

    private ByteBuffer payload(ChunkSigning signing) {
        int written = 0;
        String previous = signing == null ? null : signing.seedSignature();
        while (true) {
            String header = line();
            int semicolon = header.indexOf(';');
            int size;
            try {
                size = Integer.parseInt(semicolon < 0 ? header.trim() : header.substring(0, semicolon).trim(), 16);
            } catch (NumberFormatException e) {
                throw malformed("a chunk header reads '" + header + "'");
            }
            if (size < 0 || at + size > body.length) {
                throw malformed("a chunk of " + size + " bytes runs past the end of the body");
            }
            if (signing != null) {
                String given = semicolon < 0 ? "" : header.substring(semicolon + 1).replaceFirst("^chunk-signature=", "");
                String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + signing.timeText() + "\n" + signing.scope() + "\n" + previous + "\n"
                        + SigV4.EMPTY_SHA256 + "\n" + SigV4.sha256Hex(ByteBuffer.wrap(body, at, size));
                String expected = SigV4.sign(signing.signingKey(), stringToSign);
                if (!SigV4.same(expected, given)) {
                    throw ErrorCode.INVALID_SIGNATURE.exception("The request signature we calculated does not match the signature you "
                            + "provided for a chunk of the payload. Check your AWS Secret Access Key and signing method.");
                }
                previous = expected;
            }
            System.arraycopy(body, at, body, written, size);
            written += size;
            at += size;
            if (size == 0) {
                trailer(signing, previous);
                return ByteBuffer.wrap(body, 0, written);
            }
            if (!line().isEmpty()) {
                throw malformed("a chunk does not end where its size says");
            }
        }
    }

    /** The trailing headers after the last chunk, and their signature when the chunks are signed. */
    private void trailer(ChunkSigning signing, String previous) {
        StringBuilder trailers = new StringBuilder();
        String signature = null;
        while (at < body.length) {
            String line = line();
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            String value = colon < 0 ? "" : line.substring(colon + 1).trim();
            if (name.equals("x-amz-trailer-signature")) {
                signature = value;
            } else {
                trailers.append(name).append(':').append(value).append('\n');
            }
        }
        if (signing != null && signing.trailer() && signature == null) {
            throw malformed("the trailing headers carry no x-amz-trailer-signature");
        }
        if (signing != null && signature != null) {
            String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + signing.timeText() + "\n" + signing.scope() + "\n" + previous + "\n"
                    + SigV4.sha256Hex(trailers.toString());
            if (!SigV4.same(SigV4.sign(signing.signingKey(), stringToSign), signature)) {
                throw ErrorCode.INVALID_SIGNATURE.exception("The request signature we calculated does not match the signature you "
                        + "provided for the trailing headers. Check your AWS Secret Access Key and signing method.");
            }
        }
    }

    /** The next line, without its CRLF. */
    private String line() {
        for (int i = at; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                String line = new String(body, at, i - at, StandardCharsets.US_ASCII);
                at = i + 2;
                return line;
            }
        }
        throw malformed("the body ends inside a line");
    }

    private static io.sluice.common.error.AwsException malformed(String what) {
        return ErrorCode.INCOMPLETE_SIGNATURE.exception("The aws-chunked payload is malformed: %s.", what);
    }
}
