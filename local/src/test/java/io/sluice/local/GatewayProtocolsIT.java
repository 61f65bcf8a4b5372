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

    /**
     * The server's first frames on an h2c connection: its SETTINGS give a stream a 4 MiB window and
     * frames up to 256 KiB, and a WINDOW_UPDATE widens the connection's window to match, so that a
     * 5 MiB PutRecords body is not sent 64 KiB per round trip (Netty widens it to twice a stream's).
     */
    @Test
    void http2WindowsFitRequestBodies() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(Platform.endpoint().getHost(), Platform.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            java.util.Map<Integer, Long> settings = new java.util.HashMap<>();
            long connectionIncrement = -1;
            java.util.List<String> seen = new java.util.ArrayList<>();
            for (int frames = 0; frames < 10 && (settings.isEmpty() || connectionIncrement < 0); frames++) {
                if (frames > 0) {
                    socket.setSoTimeout(2_000);
                }
                int length;
                try {
                    length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                } catch (java.net.SocketTimeoutException e) {
                    break;
                }
                int length0 = length;
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                seen.add("type " + type + " flags " + flags + " stream " + stream + " length " + length0);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(payload);
                if (type == 4 && (flags & 1) == 0) {
                    while (buffer.remaining() >= 6) {
                        settings.put(buffer.getShort() & 0xffff, buffer.getInt() & 0xffffffffL);
                    }
                } else if (type == 8 && stream == 0) {
                    connectionIncrement = buffer.getInt() & 0x7fffffff;
                }
            }
            assertThat(settings).as("SETTINGS_INITIAL_WINDOW_SIZE in " + seen).containsEntry(4, 4L << 20);
            assertThat(settings).as("SETTINGS_MAX_FRAME_SIZE").containsEntry(5, 256L << 10);
            assertThat(65_535 + connectionIncrement).as(seen + ": the connection window widened from 65,535 to at least a stream's")
                    .isGreaterThanOrEqualTo(4L << 20);
        }
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
