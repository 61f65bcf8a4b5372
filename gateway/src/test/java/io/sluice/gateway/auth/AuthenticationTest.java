package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;

/** The body of a request of a key the permissive gateway does not know goes on in one piece. */
class AuthenticationTest {
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN000000001/20261201/us-east-1/kinesis/"
            + "aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

    private final Authentication authentication = new Authentication(
            new SignatureVerifier(new ConfiguredAccessKeys(List.of()), AuthMode.PERMISSIVE, Clock.systemUTC()), 1 << 20);

    @Test
    void anUnknownKeysBodyIsForwardedInOnePiece() {
        List<DataBuffer> frames = new ArrayList<>();
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            String frame = ("frame " + i + " ").repeat(500);
            sent.append(frame);
            frames.add(DefaultDataBufferFactory.sharedInstance.wrap(frame.getBytes(StandardCharsets.UTF_8)));
        }
        var forwarded = authentication.authenticate(exchange(Flux.fromIterable(frames)), "kinesis").block();

        assertThat(forwarded.key()).isEmpty();
        List<DataBuffer> pieces = forwarded.exchange().getRequest().getBody().collectList().block();
        assertThat(pieces).hasSize(1);
        byte[] body = new byte[pieces.get(0).readableByteCount()];
        pieces.get(0).read(body);
        DataBufferUtils.release(pieces.get(0));
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(sent.toString());
    }

    @Test
    void anUnknownKeysBodyOverTheLimitIsRefusedAsAwsDoes() {
        Flux<DataBuffer> body = Flux.range(0, 20).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 << 10]));
        var result = authentication.authenticate(exchange(body), "kinesis");
        try {
            result.block();
        } catch (AwsException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_TOO_LARGE);
            return;
        }
        throw new AssertionError("a 1.25 MiB body passed a 1 MiB limit");
    }

    @Test
    void aBodyThatFailsWhileItArrivesIsReportedAsNotReceived() {
        Flux<DataBuffer> body = Flux.concat(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(new byte[1000])),
                Flux.error(new java.io.IOException("Connection reset by peer")));
        var result = authentication.authenticate(exchange(body), "kinesis");
        try {
            result.block();
        } catch (Authentication.BodyNotReceived e) {
            assertThat(e).hasRootCauseInstanceOf(java.io.IOException.class);
            return;
        }
        throw new AssertionError("a body that failed was taken");
    }

    private static MockServerWebExchange exchange(Flux<DataBuffer> body) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/")
                .header(HttpHeaders.AUTHORIZATION, AUTHORIZATION)
                .header("X-Amz-Date", SigV4.basic(java.time.Instant.now()))
                .header("X-Amz-Target", "Kinesis_20131202.PutRecords")
                .body(body));
    }
}
