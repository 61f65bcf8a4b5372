package io.sluice.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * What the gateway serves nothing at — {@code GET /}, other methods and paths, a {@code POST /} that
 * is not in an AWS protocol's content type — is answered as AWS's endpoints answer it: 403 with an
 * XML body and no content type, {@code MissingAuthenticationTokenException} ("Missing
 * Authentication Token") when the request is not signed, else {@code AccessDeniedException}
 * ("Unable to determine service/operation name to be authorized"); never the framework's 404.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class UnservedRequests implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith(Routes.REST_PREFIX + "/")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).onErrorResume(ResponseStatusException.class, e -> {
            boolean unserved = e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
                    || e.getStatusCode().value() == HttpStatus.METHOD_NOT_ALLOWED.value();
            if (!unserved || exchange.getResponse().isCommitted()) {
                return Mono.error(e);
            }
            return answer(exchange, RequestIds.assign(exchange));
        });
    }

    /** AWS's answer to a request no operation could be determined for. */
    static Mono<Void> answer(ServerWebExchange exchange, String requestId) {
        ServerHttpRequest request = exchange.getRequest();
        boolean signed = request.getHeaders().containsHeader("Authorization") || request.getQueryParams().containsKey("X-Amz-Algorithm");
        String type = signed ? "AccessDeniedException" : "MissingAuthenticationTokenException";
        String message = signed ? "Unable to determine service/operation name to be authorized" : "Missing Authentication Token";
        RequestIds.taken(requestId, "{} {} {} unserved: {}", requestId, request.getMethod(), request.getPath().value(), type);
        byte[] body = ("<" + type + ">\n  <Message>" + message + "</Message>\n</" + type + ">\n").getBytes(StandardCharsets.UTF_8);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().clearContentHeaders();
        response.getHeaders().setContentLength(body.length);
        return request.getBody().then(response.writeWith(Mono.just(response.bufferFactory().wrap(body))));
    }
}
