package io.sluice.gateway;

import io.sluice.common.protocol.AwsHeaders;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request's id, which the gateway gives every AWS and REST request: answered in
 * {@code x-amzn-RequestId} (the service's own answer carries the same id, passed on to it), and on
 * the gateway's access log lines (logger {@code io.sluice.gateway.access}).
 */
final class RequestIds {
    private static final Logger access = LoggerFactory.getLogger("io.sluice.gateway.access");

    private RequestIds() {
    }

    /** A new id for the exchange, answered in its response whatever answers it. */
    static String assign(ServerWebExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            // A service answers with the id it was given; anything else still carries one.
            if (!response.getHeaders().containsHeader(AwsHeaders.REQUEST_ID)) {
                response.getHeaders().set(AwsHeaders.REQUEST_ID, requestId);
            }
            return reactor.core.publisher.Mono.empty();
        });
        return requestId;
    }

    /** An access log line (DEBUG) on the request's id. */
    static void taken(String requestId, String format, Object... arguments) {
        try (MDC.MDCCloseable id = MDC.putCloseable("requestId", requestId)) {
            access.debug(format, arguments);
        }
    }

    /** An access log line (WARN) on the request's id: a request no service could serve. */
    static void unserved(String requestId, String format, Object... arguments) {
        try (MDC.MDCCloseable id = MDC.putCloseable("requestId", requestId)) {
            access.warn(format, arguments);
        }
    }
}
