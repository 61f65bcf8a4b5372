package io.sluice.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsService;
import io.sluice.gateway.auth.Authentication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The REST API's requests ({@value Routes#REST_PREFIX}): each gets its id (passed on in
 * {@code x-amzn-RequestId}, as for AWS requests), bodies over the size limit and paths no service
 * serves are refused, and a service that cannot be reached answers 503 — all as JSON problem
 * details with the AWS error name, as the services answer theirs. Requests are authenticated with
 * Signature Version 4 for the service name {@value #SIGNING_NAME} (401 when they are not); a
 * permissive gateway also takes unsigned ones, as the Swagger UI sends them. {@link ServiceProxy}
 * then forwards them, path and query as the client sent them, to the service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RestGuard implements WebFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service name in the credential scope of a signed REST request. */
    static final String SIGNING_NAME = "sluice";

    /**
     * What the services' web server refuses outright (with a page of its own): an encoded control character, slash or
     * backslash, or a character a URI may not hold unencoded. No resource name or parameter holds one.
     */
    private static final java.util.regex.Pattern UNSERVABLE =
            java.util.regex.Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF]|2[fF]|5[cC])|[^A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]");

    private final long maxRequestBytes;
    private final Authentication authentication;
    private final ServiceProxy proxy;

    RestGuard(GatewaySettings settings, Authentication authentication, ServiceProxy proxy) {
        this.maxRequestBytes = settings.maxRequestSize().toBytes();
        this.authentication = authentication;
        this.proxy = proxy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (!path.startsWith(Routes.REST_PREFIX + "/") && !path.equals(Routes.REST_PREFIX)) {
            return chain.filter(exchange);
        }
        String requestId = RequestIds.assign(exchange);
        ServerHttpResponse response = exchange.getResponse();
        RequestIds.taken(requestId, "{} {} {} from {}", requestId, request.getMethod(), path, request.getRemoteAddress());
        Optional<AwsService> service = Routes.restService(path);
        if (service.isEmpty()) {
            return problem(response, HttpStatus.NOT_FOUND, ErrorCode.UNKNOWN_OPERATION, "No resource at " + path + ".", requestId);
        }
        String target = request.getURI().getRawPath() + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        if (UNSERVABLE.matcher(target).find()) {
            return problem(response, HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION,
                    "The request's path or query holds a character no resource name or parameter has.", requestId);
        }
        if (request.getHeaders().getContentLength() > maxRequestBytes) {
            response.getHeaders().set("Connection", "close");
            return problem(response, HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.REQUEST_TOO_LARGE,
                    "Request body of " + request.getHeaders().getContentLength() + " bytes exceeds the limit of " + maxRequestBytes + " bytes.",
                    requestId);
        }
        if (!Authentication.isSigned(request) && authentication.takesUnsigned()) {
            return forward(Authentication.anonymous(exchange), service.get(), target, requestId);
        }
        return authentication.authenticate(exchange, SIGNING_NAME)
                .flatMap(authenticated -> forward(authenticated.exchange(), service.get(), target, requestId).thenReturn(true))
                .onErrorResume(AwsException.class, e -> {
                    RequestIds.taken(requestId, "{} {} {} refused: {}", requestId, request.getMethod(), path, e.code().wireName());
                    HttpStatus status = e.code() == ErrorCode.REQUEST_TOO_LARGE ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.UNAUTHORIZED;
                    return problem(response, status, e.code(), e.getMessage(), requestId).thenReturn(true);
                })
                .onErrorResume(e -> e instanceof Authentication.BodyNotReceived && !response.isCommitted(), e -> {
                    RequestIds.taken(requestId, "{} {} {} body not received: {}", requestId, request.getMethod(), path, e.getMessage());
                    return Authentication.bodyNotReceived(exchange).thenReturn(true);
                })
                .onErrorResume(e -> !response.isCommitted(), e -> {
                    RequestIds.unserved(requestId, "{} {} {} failed in the gateway", requestId, request.getMethod(), path, e);
                    response.getHeaders().set("Connection", "close");
                    return problem(response, HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_FAILURE,
                            "The request could not be served.", requestId).thenReturn(true);
                })
                .then();
    }

    private Mono<Void> forward(ServerWebExchange exchange, AwsService service, String target, String requestId) {
        return proxy.forward(exchange, service, target, requestId, () -> unavailable(exchange.getResponse(), requestId));
    }

    /** The answer to a request whose service cannot be reached. */
    static Mono<Void> unavailable(ServerHttpResponse response, String requestId) {
        return problem(response, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE, ServiceProxy.UNAVAILABLE, requestId);
    }

    /** A JSON problem details answer with the AWS error name, as the services answer the REST API's errors. */
    static Mono<Void> problem(ServerHttpResponse response, HttpStatus status, ErrorCode code, String detail, String requestId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", code.wireName());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("requestId", requestId);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(problem))));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }
}
