package io.sluice.gateway;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.WireFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers, in the AWS error format and the request's own encoding, what no service should see:
 * unknown operations, requests without credentials or with a malformed signature header, and
 * bodies over the size limit. Full SigV4 verification comes with the security work; until then any
 * well-formed credentials are accepted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestGuard implements WebFilter {
    private static final Pattern SIGV4 = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=[^,\\s]+/[^,\\s]+,\\s*SignedHeaders=[^,\\s]+,\\s*Signature=[0-9a-fA-F]+\\s*");

    private final AwsCodec codec = new AwsCodec();
    private final long maxRequestBytes;

    RequestGuard(GatewaySettings settings) {
        this.maxRequestBytes = settings.maxRequestSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST || !"/".equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        WireFormat format = WireFormat.of(request.getHeaders().getFirst("Content-Type"));
        String target = request.getHeaders().getFirst("X-Amz-Target");
        if (AwsTarget.of(target).isEmpty()) {
            return reject(exchange, format, ErrorCode.UNKNOWN_OPERATION, "Operation " + target + " is not supported.");
        }
        String authorization = request.getHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return reject(exchange, format, ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        if (!SIGV4.matcher(authorization).matches()) {
            return reject(exchange, format, ErrorCode.INCOMPLETE_SIGNATURE,
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters with AWS4-HMAC-SHA256.");
        }
        if (request.getHeaders().getContentLength() > maxRequestBytes) {
            return reject(exchange, format, ErrorCode.REQUEST_TOO_LARGE,
                    "Request body of " + request.getHeaders().getContentLength() + " bytes exceeds the limit of " + maxRequestBytes + " bytes.");
        }
        return chain.filter(exchange);
    }

    private Mono<Void> reject(ServerWebExchange exchange, WireFormat format, ErrorCode code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(code.httpStatus()));
        response.getHeaders().set("Content-Type", format.contentType());
        response.getHeaders().set("x-amzn-ErrorType", code.wireName());
        response.getHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = codec.writeError(format, code, message);
        Mono<Void> write = response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        if (code == ErrorCode.REQUEST_TOO_LARGE) {
            // Not worth reading: the connection closes after the answer.
            response.getHeaders().set("Connection", "close");
            return write;
        }
        // Read the (small) request body before answering, so that the kept-alive connection is at a
        // request boundary when the client sends its next request on it.
        return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).then(write);
    }
}
