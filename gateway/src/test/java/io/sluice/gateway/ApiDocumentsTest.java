package io.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.error.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class ApiDocumentsTest {
    private ServiceProxy proxy;

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.destroy();
        }
    }

    @Test
    void aDocumentWhoseServiceCannotBeReachedIsAnswered503AsProblemDetails() throws IOException {
        proxy = new ServiceProxy(ServiceProxyTest.settings("http://127.0.0.1:" + ServiceProxyTest.closedPort()), null, new StreamingResponses());
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost:4566/openapi/streams"));

        new ApiDocuments(proxy).filter(exchange, e -> Mono.error(new AssertionError("passed on"))).block(Duration.ofSeconds(10));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"title\":\"" + ErrorCode.SERVICE_UNAVAILABLE.wireName() + "\"").contains(ServiceProxy.UNAVAILABLE);
    }

    @Test
    void otherPathsAndMethodsPassOn() {
        proxy = new ServiceProxy(ServiceProxyTest.settings("http://127.0.0.1:1"), null, new StreamingResponses());
        ApiDocuments documents = new ApiDocuments(proxy);
        for (MockServerHttpRequest request : new MockServerHttpRequest[] {
                MockServerHttpRequest.get("http://localhost:4566/openapi/unknown").build(),
                MockServerHttpRequest.post("http://localhost:4566/openapi/streams").build()}) {
            boolean[] passed = {false};
            documents.filter(MockServerWebExchange.from(request), e -> Mono.fromRunnable(() -> passed[0] = true)).block(Duration.ofSeconds(5));
            assertThat(passed[0]).as(request.getMethod() + " " + request.getPath()).isTrue();
        }
    }
}
