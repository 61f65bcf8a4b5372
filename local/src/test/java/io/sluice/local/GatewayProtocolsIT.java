package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.ByteBufFlux;
import reactor.util.function.Tuple2;

/** The gateway speaks HTTP/1.1 and cleartext HTTP/2, by prior knowledge and by upgrade. */
class GatewayProtocolsIT {
    private static final String LIST_STREAMS = "Kinesis_20131202.ListStreams";

    @Test
    void http11() throws Exception {
        HttpResponse<String> response = jdkClient(HttpClient.Version.HTTP_1_1);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"StreamNames\"");
    }

    @Test
    void h2cByUpgrade() {
        assertListStreamsOverHttp2(HttpProtocol.HTTP11, HttpProtocol.H2C);
    }

    @Test
    void h2cWithPriorKnowledge() {
        assertListStreamsOverHttp2(HttpProtocol.H2C);
    }

    private static void assertListStreamsOverHttp2(HttpProtocol... protocols) {
        Tuple2<HttpClientResponse, String> result = reactor.netty.http.client.HttpClient.create()
                .protocol(protocols)
                .headers(h -> h.set("Content-Type", "application/x-amz-json-1.1")
                        .set("X-Amz-Target", LIST_STREAMS)
                        .set("Authorization", Platform.AUTHORIZATION).set("X-Amz-Date", Platform.X_AMZ_DATE))
                .post()
                .uri(Platform.endpoint().toString() + "/")
                .send(ByteBufFlux.fromString(reactor.core.publisher.Mono.just("{}")))
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("").map(text -> reactor.util.function.Tuples.of(response, text)))
                .block(Duration.ofSeconds(30));
        assertThat(result.getT1().version().text()).isEqualTo("HTTP/2.0");
        assertThat(result.getT1().status().code()).isEqualTo(200);
        assertThat(result.getT2()).contains("\"StreamNames\"");
    }

    private static HttpResponse<String> jdkClient(HttpClient.Version version) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(Platform.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", LIST_STREAMS)
                .header("Authorization", Platform.AUTHORIZATION)
                .header("X-Amz-Date", Platform.X_AMZ_DATE)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
