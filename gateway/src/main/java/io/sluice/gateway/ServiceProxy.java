package io.sluice.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpMethod;
import io.sluice.common.protocol.AwsHeaders;
import io.sluice.common.protocol.AwsService;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Forwards a request the gateway has taken and authenticated ({@link RequestGuard} for the AWS
 * protocols, {@link RestGuard} for the REST API, {@link ApiDocuments} for the OpenAPI documents) to
 * the service that serves it, and streams the service's answer back: one pooled HTTP/1.1 connection
 * per request in flight, on the server's own event loops. Measured at one PutRecord every 10 ms on a
 * 2-core machine: the gateway's loops spent 1.9 ms of CPU per request through Spring Cloud Gateway's
 * route lookup and filter chain, 1.2 to 1.4 ms through this proxy, and a bare Reactor Netty proxy in
 * a process of its own 0.9 ms; a lone request's stages run one after the other, so that CPU is its
 * latency too.
 */
class ServiceProxy implements DisposableBean {
    /** Never passed on, either way: headers of one connection, and Host and Expect, which the gateway's own hop answers. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "http2-settings", "host", "expect");
    /** The message of a request whose service cannot be reached, in each protocol's shape. */
    static final String UNAVAILABLE = "The service is unavailable. Please try again later.";
    /** Below the services' keep-alive timeout (Tomcat's 60 s), so that a connection is not reused just as the service closes it. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(15);

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Map<AwsService, String> uris = new EnumMap<>(AwsService.class);
    private final StreamingResponses streaming;

    ServiceProxy(GatewaySettings settings, LoopResources loops, StreamingResponses streaming) {
        this.connections = ConnectionProvider.builder("sluice-services")
                .maxConnections(4096)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(MAX_IDLE)
                .build();
        HttpClient http = HttpClient.create(connections);
        this.client = loops == null ? http : http.runOn(loops);
        for (AwsService service : AwsService.values()) {
            uris.put(service, settings.uriOf(service).replaceAll("/+$", ""));
        }
        this.streaming = streaming;
    }

    /**
     * Sends the exchange's request to {@code service}, at {@code pathAndQuery} (raw, as the client
     * sent it, from its leading slash), with the gateway's request id, and answers with what the
     * service answers. When the service cannot be reached and nothing is written yet, the request is
     * logged as unserved and answered {@code unavailable}, in the caller's protocol; a failure after
     * the answer began goes on to the caller.
     */
    Mono<Void> forward(ServerWebExchange exchange, AwsService service, String pathAndQuery, String requestId,
            Supplier<Mono<Void>> unavailable) {
        ServerHttpResponse response = exchange.getResponse();
        return send(exchange, service, pathAndQuery, requestId).onErrorResume(e -> !response.isCommitted(), e -> {
            ServerHttpRequest request = exchange.getRequest();
            String target = request.getHeaders().getFirst(AwsHeaders.TARGET);
            RequestIds.unserved(requestId, "{} {} {}{} could not be served by {}: {}", requestId, request.getMethod(), request.getPath().value(),
                    target == null ? "" : " " + target, service.arnNamespace(), e.toString());
            return unavailable.get();
        });
    }

    private Mono<Void> send(ServerWebExchange exchange, AwsService service, String pathAndQuery, String requestId) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        Flux<ByteBuf> body = request.getBody().map(NettyDataBufferFactory::toByteBuf);
        return client
                .headers(headers -> {
                    request.getHeaders().forEach((name, values) -> {
                        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                            headers.add(name, values);
                        }
                    });
                    headers.set(AwsHeaders.REQUEST_ID, requestId);
                })
                .request(HttpMethod.valueOf(request.getMethod().name()))
                .uri(uris.get(service) + pathAndQuery)
                .send(body)
                .responseConnection((answer, connection) -> answer(response, answer, connection))
                .then();
    }

    private Mono<Void> answer(ServerHttpResponse response, HttpClientResponse answer, Connection connection) {
        response.setStatusCode(HttpStatusCode.valueOf(answer.status().code()));
        HttpHeaders headers = response.getHeaders();
        answer.responseHeaders().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        DataBufferFactory factory = response.bufferFactory();
        Flux<DataBuffer> body = connection.inbound().receive().retain().map(buffer -> wrap(factory, buffer));
        if (StreamingResponses.isEventStream(headers.getContentType())) {
            // SubscribeToShard and the REST tails: each event goes on as it arrives, and the stream ends as the gateway stops.
            return response.writeAndFlushWith(streaming.endingOnStop(body).map(Mono::just));
        }
        return response.writeWith(body);
    }

    private static DataBuffer wrap(DataBufferFactory factory, ByteBuf buffer) {
        if (factory instanceof NettyDataBufferFactory netty) {
            return netty.wrap(buffer);
        }
        try {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return factory.wrap(bytes);
        } finally {
            buffer.release();
        }
    }

    /** The client the requests go out on (its configuration, for the tests). */
    HttpClient client() {
        return client;
    }

    @Override
    public void destroy() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
