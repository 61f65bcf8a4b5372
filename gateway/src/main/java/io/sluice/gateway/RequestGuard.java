package io.sluice.gateway;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.AwsHeaders;
import io.sluice.common.protocol.AwsService;
import io.sluice.common.protocol.ErrorResponse;
import io.sluice.common.protocol.WireFormat;
import io.sluice.gateway.auth.Authentication;
import io.sluice.gateway.sts.CallerIdentityEndpoint;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
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
 * Every request is authenticated ({@link Authentication}: Signature Version 4, its scope the
 * service the target names) before {@link ServiceProxy} forwards it to that service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestGuard implements WebFilter {
    private final AwsCodec codec = new AwsCodec();
    private final long maxRequestBytes;
    private final Authentication authentication;
    private final Clock clock;

    private final CallerIdentityEndpoint callerIdentity;
    private final ServiceProxy proxy;

    RequestGuard(GatewaySettings settings, Authentication authentication, ServiceProxy proxy, ObjectProvider<Clock> clock) {
        this.maxRequestBytes = settings.maxRequestSize().toBytes();
        this.authentication = authentication;
        this.proxy = proxy;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.callerIdentity = new CallerIdentityEndpoint(authentication, settings.auth().defaultAccountId());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST || !"/".equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        String requestId = RequestIds.assign(exchange);
        if (CallerIdentityEndpoint.isQueryRequest(request)) {
            RequestIds.taken(requestId, "{} sts from {}", requestId, request.getRemoteAddress());
            return callerIdentity.handle(exchange, requestId).onErrorResume(e -> !exchange.getResponse().isCommitted(), e -> {
                RequestIds.unserved(requestId, "{} sts failed in the gateway", requestId, e);
                return CallerIdentityEndpoint.internalFailure(exchange.getResponse(), requestId);
            });
        }
        String contentType = request.getHeaders().getFirst("Content-Type");
        if (!WireFormat.isProtocolType(contentType)) {
            return UnservedRequests.answer(exchange, requestId);
        }
        WireFormat format = WireFormat.of(contentType);
        String target = request.getHeaders().getFirst(AwsHeaders.TARGET);
        RequestIds.taken(requestId, "{} {} from {}", requestId, target, request.getRemoteAddress());
        Optional<AwsService> service = AwsService.forTarget(target);
        if (service.isEmpty()) {
            return reject(exchange, format, ErrorCode.UNKNOWN_OPERATION,
                    target == null ? "No operation is named (X-Amz-Target)." : "Operation " + target + " is not supported.");
        }
        if (request.getHeaders().getContentLength() == 0) {
            // As AWS: a request without a body is not a document, whoever sent it.
            return reject(exchange, format, ErrorCode.SERIALIZATION, "The request body is empty.");
        }
        if (request.getHeaders().getContentLength() > maxRequestBytes) {
            return reject(exchange, format, ErrorCode.REQUEST_TOO_LARGE,
                    "Request body of " + request.getHeaders().getContentLength() + " bytes exceeds the limit of " + maxRequestBytes + " bytes.");
        }
        return authentication.authenticate(exchange, service.get().arnNamespace())
                .flatMap(authenticated -> proxy.forward(authenticated.exchange(), service.get(), "/", requestId,
                        () -> write(exchange.getResponse(), format, ErrorCode.SERVICE_UNAVAILABLE, ServiceProxy.UNAVAILABLE)).thenReturn(true))
                .onErrorResume(AwsException.class, e -> {
                    RequestIds.taken(requestId, "{} {} refused: {}", requestId, target, e.code().wireName());
                    return reject(exchange, format, e.code(), e.getMessage()).thenReturn(true);
                })
                .onErrorResume(e -> e instanceof Authentication.BodyNotReceived && !exchange.getResponse().isCommitted(), e -> {
                    RequestIds.taken(requestId, "{} {} body not received: {}", requestId, target, e.getMessage());
                    return Authentication.bodyNotReceived(exchange).thenReturn(true);
                })
                .onErrorResume(e -> !exchange.getResponse().isCommitted(), e -> {
                    RequestIds.unserved(requestId, "{} {} failed in the gateway", requestId, target, e);
                    exchange.getResponse().getHeaders().set("Connection", "close");
                    return write(exchange.getResponse(), format, ErrorCode.INTERNAL_FAILURE, "The request could not be served.")
                            .thenReturn(true);
                })
                .then();
    }

    private Mono<Void> reject(ServerWebExchange exchange, WireFormat format, ErrorCode code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        Mono<Void> write = write(response, format, code, message);
        if (code == ErrorCode.REQUEST_TOO_LARGE) {
            // Not worth reading: the connection closes after the answer.
            response.getHeaders().set("Connection", "close");
            return write;
        }
        // Read the request body (unless authentication read it) before answering, so that the kept-alive
        // connection is at a request boundary when the client sends its next request on it.
        return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).onErrorResume(e -> Mono.empty()).then(write);
    }

    private Mono<Void> write(ServerHttpResponse response, WireFormat format, ErrorCode code, String message) {
        ErrorResponse error = ErrorResponse.of(codec, format, code, message);
        response.setStatusCode(HttpStatus.valueOf(error.status()));
        response.getHeaders().set("Content-Type", error.contentType());
        response.getHeaders().set(AwsHeaders.ERROR_TYPE, error.errorType());
        // As AWS answers: a client whose clock is off corrects it from here (the SDKs' clock-skew adjustment).
        response.getHeaders().setDate(clock.millis());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(error.body())));
    }
}
