package io.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.protocol.AwsService;
import io.sluice.gateway.auth.AuthMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The proxy against a real HTTP server standing in for a service: what reaches the service (the
 * request id, the request's own method, path, query, headers and body, no header of the client's
 * connection) and what comes back (status, headers, body, and an event stream event by event until
 * the gateway stops).
 */
class ServiceProxyTest {
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private DisposableServer service;
    private ServiceProxy proxy;

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.destroy();
        }
        if (service != null) {
            service.disposeNow();
        }
    }

    @Test
    void passesTheRequestOnWithItsIdAndAnswersWithTheServicesAnswer() {
        service = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            request.requestHeaders().forEach(h -> received.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + "," + b));
            return request.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap(body -> {
                received.put("body", body);
                return response.status(400)
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("x-amzn-RequestId", request.requestHeaders().get("x-amzn-RequestId"))
                        .header("Keep-Alive", "timeout=60")
                        .sendString(Mono.just("{\"__type\":\"ResourceNotFoundException\"}")).then();
            });
        }).bindNow();
        StreamingResponses streaming = new StreamingResponses();
        proxy = new ServiceProxy(settings("http://127.0.0.1:" + service.port()), null, streaming);
        MockServerWebExchange exchange = exchange(Flux.just("{\"StreamName\":", "\"s\"}"));

        proxy.forward(exchange, AwsService.KINESIS, "/", "request-1", ServiceProxyTest::unexpected).block(Duration.ofSeconds(10));

        assertThat(received).containsEntry("x-amzn-requestid", "request-1")
                .containsEntry("x-amz-target", "Kinesis_20131202.DescribeStream")
                .containsEntry("body", "{\"StreamName\":\"s\"}")
                .doesNotContainKey("upgrade")
                .doesNotContainKey("expect");
        assertThat(received.get("host")).isEqualTo("127.0.0.1:" + service.port());
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getHeaders().getFirst("x-amzn-RequestId")).isEqualTo("request-1");
        assertThat(exchange.getResponse().getHeaders().containsHeader("Keep-Alive")).isFalse();
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("{\"__type\":\"ResourceNotFoundException\"}");
    }

    @Test
    void passesTheMethodPathAndQueryOnAsTheClientSentThem() {
        service = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            received.put("method", request.method().name());
            received.put("uri", request.uri());
            return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> {
                received.put("body", body);
                return response.header("Content-Type", "application/json").sendString(Mono.just("{\"streams\":[]}")).then();
            });
        }).bindNow();
        proxy = new ServiceProxy(settings("http://127.0.0.1:" + service.port() + "/"), null, new StreamingResponses());
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost:4566/v1/streams?limit=2&prefix=a%20b"));

        proxy.forward(exchange, AwsService.KINESIS, "/v1/streams?limit=2&prefix=a%20b", "request-4", ServiceProxyTest::unexpected).block(Duration.ofSeconds(10));

        assertThat(received).containsEntry("method", "GET").containsEntry("uri", "/v1/streams?limit=2&prefix=a%20b").containsEntry("body", "");
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("{\"streams\":[]}");
    }

    @Test
    void passesAnEventStreamOnEventByEventUntilTheGatewayStops() throws InterruptedException {
        CountDownLatch sent = new CountDownLatch(1);
        service = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> request.receive().then(
                response.header("Content-Type", "application/vnd.amazon.eventstream")
                        .sendString(Flux.concat(Flux.just("event-1", "event-2"), Mono.fromRunnable(sent::countDown), Flux.never()),
                                StandardCharsets.UTF_8)
                        .then())).bindNow();
        StreamingResponses streaming = new StreamingResponses();
        streaming.start();
        proxy = new ServiceProxy(settings("http://127.0.0.1:" + service.port()), null, streaming);
        MockServerWebExchange exchange = exchange(Flux.just("{}"));

        CountDownLatch done = new CountDownLatch(1);
        proxy.forward(exchange, AwsService.KINESIS, "/", "request-2", ServiceProxyTest::unexpected).doFinally(signal -> done.countDown()).subscribe();
        assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(done.await(300, TimeUnit.MILLISECONDS)).as("a stream of events does not end by itself").isFalse();
        streaming.stop();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("event-1event-2");
    }

    @Test
    void answersTheCallersUnavailableAnswerWhenTheServiceCannotBeReached() throws IOException {
        proxy = new ServiceProxy(settings("http://127.0.0.1:" + closedPort()), null, new StreamingResponses());
        MockServerWebExchange exchange = exchange(Flux.just("{}"));
        MockServerHttpResponse response = exchange.getResponse();

        proxy.forward(exchange, AwsService.KINESIS, "/", "request-3", () -> {
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return response.writeWith(Mono.just(response.bufferFactory().wrap("unavailable".getBytes(StandardCharsets.UTF_8))));
        }).block(Duration.ofSeconds(10));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBodyAsString().block()).isEqualTo("unavailable");
    }

    /** The unavailable answer of a test whose service is reached. */
    private static Mono<Void> unexpected() {
        return Mono.error(new AssertionError("the service was reachable"));
    }

    /** A local port nothing listens on (a service that cannot be reached). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static GatewaySettings settings(String streamsUri) {
        return new GatewaySettings(streamsUri, "http://127.0.0.1:2", "http://127.0.0.1:3", DataSize.ofMegabytes(16),
                new GatewaySettings.Auth(AuthMode.PERMISSIVE, List.of(), null, "000000000000",
                        new GatewaySettings.Store(null, null, null, null, Duration.ofSeconds(10))),
                Duration.ofSeconds(20));
    }

    private static MockServerWebExchange exchange(Flux<String> body) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost:4566/")
                .header("X-Amz-Target", "Kinesis_20131202.DescribeStream")
                .header(HttpHeaders.CONTENT_TYPE, "application/x-amz-json-1.1")
                .header(HttpHeaders.CONNECTION, "Upgrade, HTTP2-Settings")
                .header(HttpHeaders.UPGRADE, "h2c")
                .header(HttpHeaders.EXPECT, "100-continue")
                .body(body.map(part -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8)))));
    }
}
