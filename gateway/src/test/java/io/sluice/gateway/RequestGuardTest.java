package io.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.auth.AuthMode;
import io.sluice.gateway.auth.Authentication;
import io.sluice.gateway.auth.ConfiguredAccessKeys;
import io.sluice.gateway.auth.SignatureVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the guard answers when a request cannot go on, for AWS requests and STS's Query requests
 * alike: a body that stopped arriving is answered 408 with the connection closed, as a server
 * answers a body it reads; a failure of the gateway's own is an InternalFailure in the request's
 * shape, not mistaken for the client's.
 */
class RequestGuardTest {
    private static final GatewaySettings SETTINGS = new GatewaySettings("http://127.0.0.1:1", "http://127.0.0.1:2",
            "http://127.0.0.1:3", DataSize.ofMegabytes(16),
            new GatewaySettings.Auth(AuthMode.PERMISSIVE, List.of(), null, "000000000000",
                    new GatewaySettings.Store(null, null, null, null, Duration.ofSeconds(10))),
            Duration.ofSeconds(20));

    private final ServiceProxy proxy = new ServiceProxy(SETTINGS, null, new StreamingResponses());
    private final AtomicBoolean forwarded = new AtomicBoolean();
    private final WebFilterChain chain = exchange -> {
        forwarded.set(true);
        return Mono.empty();
    };

    @AfterEach
    void close() {
        proxy.destroy();
    }

    @Test
    void aBodyWhoseConnectionFailsWhileItArrivesIsAnswered408AndTheConnectionClosed() {
        Authentication authentication = new Authentication(
                new SignatureVerifier(new ConfiguredAccessKeys(List.of()), AuthMode.PERMISSIVE, Clock.systemUTC()), 1 << 20);
        Flux<DataBuffer> body = Flux.concat(
                Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("{\"Limit\": ".getBytes(StandardCharsets.UTF_8))),
                Flux.error(new IOException("Connection reset by peer")));
        MockServerWebExchange exchange = exchange(body);

        guard(authentication).filter(exchange, chain).block();

        assertThat(forwarded).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.REQUEST_TIMEOUT);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.CONNECTION)).isEqualTo("close");
    }

    @Test
    void aFailureOfTheGatewaysOwnIsAnInternalFailureInTheRequestsEncoding() throws Exception {
        Authentication authentication = mock(Authentication.class);
        when(authentication.authenticate(any(), any())).thenReturn(Mono.error(new IllegalStateException("a bug")));
        MockServerWebExchange exchange = exchange(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("{}".getBytes(StandardCharsets.UTF_8))));

        guard(authentication).filter(exchange, chain).block();

        assertThat(forwarded).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        String answer = exchange.getResponse().getBodyAsString().block();
        assertThat(new ObjectMapper().readTree(answer).path("__type").asText()).isEqualTo("InternalFailure");
        assertThat(answer).doesNotContain("a bug");
    }

    @Test
    void stsAnswersGetCallerIdentityWithTheDefaultAccountForAKeyItDoesNotKnow() {
        MockServerWebExchange exchange = stsExchange(Flux.just(buffer("Action=GetCallerIdentity&Version=2011-06-15")));

        guard(permissive()).filter(exchange, chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("<Account>000000000000</Account>");
    }

    @Test
    void anStsBodyOverItsLimitIsAnsweredInStsShapeAndTheConnectionClosed() {
        MockServerWebExchange exchange = stsExchange(Flux.just(buffer("Action=GetCallerIdentity&Version=2011-06-15&Pad="),
                buffer("x".repeat(70_000))));

        guard(permissive()).filter(exchange, chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.CONNECTION)).isEqualTo("close");
        assertThat(exchange.getResponse().getBodyAsString().block())
                .startsWith("<ErrorResponse").contains("<Code>RequestEntityTooLargeException</Code>");
    }

    @Test
    void anStsBodyWhoseConnectionFailsWhileItArrivesIsAnswered408AndTheConnectionClosed() {
        MockServerWebExchange exchange = stsExchange(Flux.concat(Flux.just(buffer("Action=GetCall")),
                Flux.error(new IOException("Connection reset by peer"))));

        guard(permissive()).filter(exchange, chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.REQUEST_TIMEOUT);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.CONNECTION)).isEqualTo("close");
    }

    @Test
    void anStsFailureOfTheGatewaysOwnIsAnInternalFailureInStsShape() {
        Authentication authentication = mock(Authentication.class);
        when(authentication.authenticate(any(), any())).thenReturn(Mono.error(new IllegalStateException("a bug")));
        MockServerWebExchange exchange = stsExchange(Flux.just(buffer("Action=GetCallerIdentity&Version=2011-06-15")));

        guard(authentication).filter(exchange, chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.CONNECTION)).isEqualTo("close");
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("<Type>Receiver</Type><Code>InternalFailure</Code>").doesNotContain("a bug");
    }

    private static Authentication permissive() {
        return new Authentication(new SignatureVerifier(new ConfiguredAccessKeys(List.of()), AuthMode.PERMISSIVE, Clock.systemUTC()), 1 << 20);
    }

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MockServerWebExchange stsExchange(Flux<DataBuffer> body) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/")
                .header(HttpHeaders.AUTHORIZATION, "AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN000000001/20261201/us-east-1/sts/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef")
                .header("X-Amz-Date", DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now()))
                .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8")
                .body(body));
    }

    private RequestGuard guard(Authentication authentication) {
        return new RequestGuard(SETTINGS, authentication, proxy,
                new DefaultListableBeanFactory().getBeanProvider(Clock.class));
    }

    private static MockServerWebExchange exchange(Flux<DataBuffer> body) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/")
                .header(HttpHeaders.AUTHORIZATION, "AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN000000001/20261201/us-east-1/kinesis/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef")
                .header("X-Amz-Date", DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now()))
                .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .header(HttpHeaders.CONTENT_TYPE, "application/x-amz-json-1.1")
                .body(body));
    }
}
