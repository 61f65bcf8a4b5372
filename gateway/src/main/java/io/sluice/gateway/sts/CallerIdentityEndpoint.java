package io.sluice.gateway.sts;

import io.sluice.common.access.Principal;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsHeaders;
import io.sluice.gateway.auth.AccessKey;
import io.sluice.gateway.auth.Authentication;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * STS GetCallerIdentity (the AWS Query protocol: a form-encoded {@code POST /}, an XML answer),
 * which clients ask to learn their account — the KPL does before it writes, to build stream ARNs.
 * The gateway answers it itself: a known key's account and principal; for a key a permissive
 * gateway does not know, the default account's root.
 */
public final class CallerIdentityEndpoint {
    static final String SIGNING_NAME = "sts";
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final int MAX_BODY = 64 * 1024;

    private final Authentication authentication;
    private final String defaultAccount;

    public CallerIdentityEndpoint(Authentication authentication, String defaultAccount) {
        this.authentication = authentication;
        this.defaultAccount = defaultAccount;
    }

    /** Whether a {@code POST /} is an STS (Query protocol) request rather than a JSON one with a target. */
    public static boolean isQueryRequest(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        return request.getHeaders().getFirst(AwsHeaders.TARGET) == null && type != null
                && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type);
    }

    /**
     * Answers the request, its errors in STS's shape; a body that did not arrive whole as the
     * server answers one (408, the connection closed). Anything else fails the returned Mono: see
     * {@link #internalFailure}.
     */
    public Mono<Void> handle(ServerWebExchange exchange, String requestId) {
        ServerHttpResponse response = exchange.getResponse();
        return authentication.authenticate(exchange, SIGNING_NAME)
                .flatMap(authenticated -> Authentication.joinedBody(authenticated.exchange().getRequest(), MAX_BODY)
                        .map(body -> body.map(CallerIdentityEndpoint::text).orElse(""))
                        .flatMap(body -> answer(response, action(body), authenticated.key(), requestId)))
                .onErrorResume(AwsException.class, e -> error(response, e, requestId))
                .onErrorResume(e -> e instanceof Authentication.BodyNotReceived && !response.isCommitted(),
                        e -> Authentication.bodyNotReceived(exchange));
    }

    /** STS's answer to a failure of the gateway's own: 500 InternalFailure, and the connection closed. */
    public static Mono<Void> internalFailure(ServerHttpResponse response, String requestId) {
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return write(response, HttpStatus.INTERNAL_SERVER_ERROR, errorXml("Receiver", ErrorCode.INTERNAL_FAILURE.wireName(),
                "The request could not be served.", requestId));
    }

    private Mono<Void> answer(ServerHttpResponse response, String action, Optional<AccessKey> key, String requestId) {
        if (!"GetCallerIdentity".equals(action)) {
            return write(response, HttpStatus.BAD_REQUEST, errorXml("Sender", "InvalidAction",
                    "Could not find operation " + action + " for version 2011-06-15", requestId));
        }
        String account = key.map(AccessKey::accountId).orElse(defaultAccount);
        String arn = key.map(k -> Principal.arnOf(k.accountId(), k.accessKeyId())).orElse("arn:aws:iam::" + defaultAccount + ":root");
        String userId = key.map(AccessKey::accessKeyId).orElse(defaultAccount);
        return write(response, HttpStatus.OK, "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\"><GetCallerIdentityResult>"
                + "<Arn>" + escape(arn) + "</Arn><UserId>" + escape(userId) + "</UserId><Account>" + account + "</Account>"
                + "</GetCallerIdentityResult><ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                + "</GetCallerIdentityResponse>");
    }

    /** STS's names for the signature errors (a Query-protocol service), 403 as it answers them. */
    private static Mono<Void> error(ServerHttpResponse response, AwsException e, String requestId) {
        String code = switch (e.code()) {
            case UNRECOGNIZED_CLIENT -> "InvalidClientTokenId";
            case INVALID_SIGNATURE -> "SignatureDoesNotMatch";
            case MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationToken";
            default -> e.code().wireName();
        };
        HttpStatus status = HttpStatus.FORBIDDEN;
        if (e.code() == ErrorCode.REQUEST_TOO_LARGE) {
            // Not worth reading on: the connection closes after the answer.
            status = HttpStatus.PAYLOAD_TOO_LARGE;
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        return write(response, status, errorXml("Sender", code, e.getMessage(), requestId));
    }

    private static String errorXml(String type, String code, String message, String requestId) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    }

    private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String xml) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.TEXT_XML);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(xml.getBytes(StandardCharsets.UTF_8))));
    }

    private static String action(String form) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals("Action")) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String text(DataBuffer buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
