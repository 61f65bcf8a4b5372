package io.sluice.gateway;

import io.sluice.common.protocol.AwsService;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves each service's OpenAPI document ({@code GET /openapi/<service>}, the service's own
 * {@code /v3/api-docs}), which the gateway's Swagger UI shows side by side. The documents describe
 * the REST API and hold nothing secret: like the Swagger UI, they are served without a signature.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class ApiDocuments implements WebFilter {
    /** Where each service serves its document (springdoc's default). */
    private static final String SERVICE_PATH = "/v3/api-docs";

    private final ServiceProxy proxy;

    ApiDocuments(ServiceProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<AwsService> service = exchange.getRequest().getMethod() == HttpMethod.GET
                ? Routes.documentService(exchange.getRequest().getPath().value())
                : Optional.empty();
        if (service.isEmpty()) {
            return chain.filter(exchange);
        }
        String requestId = RequestIds.assign(exchange);
        RequestIds.taken(requestId, "{} GET {}", requestId, exchange.getRequest().getPath().value());
        return proxy.forward(exchange, service.get(), SERVICE_PATH, requestId, () -> RestGuard.unavailable(exchange.getResponse(), requestId));
    }
}
