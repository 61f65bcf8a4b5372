package io.sluice.gateway;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.AwsHeaders;
import io.sluice.common.protocol.AwsService;
import io.sluice.common.protocol.ErrorResponse;
import io.sluice.common.protocol.WireFormat;
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
 * Gives every AWS request its id and answers, in the AWS error format and the request's own
 * encoding, what no service should see: unknown operations, requests without credentials or with
 * a malformed signature header, bodies over the size limit, and a service that cannot be reached.
 * The id goes to the service in {@code x-amzn-RequestId}, which answers with it, and is logged here
 * (logger {@code io.sluice.gateway.access}, DEBUG), so one id follows a request through both logs.
 * Full SigV4 verification comes with the security work; until then any well-formed credentials are
 * accepted.
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
        String requestId = RequestIds.assign(exchange);
        ServerHttpResponse response = exchange.getResponse();
        WireFormat format = WireFormat.of(request.getHeaders().getFirst("Content-Type"));
        String target = request.getHeaders().getFirst(AwsHeaders.TARGET);
        RequestIds.taken(requestId, "{} {} from {}", requestId, target, request.getRemoteAddress());
        if (AwsService.forTarget(target).isEmpty()) {
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
        ServerWebExchange forwarded = exchange.mutate()
                .request(request.mutate().headers(h -> h.set(AwsHeaders.REQUEST_ID, requestId)).build())
                .build();
        return chain.filter(forwarded).onErrorResume(e -> {
            if (response.isCommitted()) {
                return Mono.error(e);
            }
            RequestIds.unserved(requestId, "{} {} could not be served: {}", requestId, target, e.toString());
            return write(response, format, ErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable. Please try again later.");
        });
    }

    private Mono<Void> reject(ServerWebExchange exchange, WireFormat format, ErrorCode code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        Mono<Void> write = write(response, format, code, message);
        if (code == ErrorCode.REQUEST_TOO_LARGE) {
            // Not worth reading: the connection closes after the answer.
            response.getHeaders().set("Connection", "close");
            return write;
        }
        // Read the (small) request body before answering, so that the kept-alive connection is at a
        // request boundary when the client sends its next request on it.
        return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).then(write);
    }

    private Mono<Void> write(ServerHttpResponse response, WireFormat format, ErrorCode code, String message) {
        ErrorResponse error = ErrorResponse.of(codec, format, code, message);
        response.setStatusCode(HttpStatus.valueOf(error.status()));
        response.getHeaders().set("Content-Type", error.contentType());
        response.getHeaders().set(AwsHeaders.ERROR_TYPE, error.errorType());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(error.body())));
    }
}
