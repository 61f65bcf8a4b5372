package io.sluice.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own Signature Version 4 signer, for what the SDK's clients do not send themselves. */
final class SignedRequests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedRequests() {
    }

    /** A request the SDK's own signer signed, sent as it is. */
    record Signed(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        HttpResponse<String> send() throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                    body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, values) -> {
                if (!Set.of("host", "content-length").contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** {@code request} (with {@code body}, if any) signed for {@code service} in us-east-1 with the key. */
    static Signed sign(SdkHttpRequest request, String body, String service, String keyId, String secret,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> more) {
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(keyId, secret)).request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service).putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1");
            if (body != null) {
                r.payload(ContentStreamProvider.fromUtf8String(body));
            }
            more.accept(r);
        });
        byte[] bytes = signed.payload().map(SignedRequests::read).orElse(new byte[0]);
        return new Signed(signed.request().method().name(), signed.request().getUri(), signed.request().headers(), bytes);
    }

    static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A filter between the SDK and the wire: the signed body has {@code from} replaced by {@code to}. */
    static final class Tampering implements SdkHttpClient {
        private final SdkHttpClient wire = ApacheHttpClient.create();
        private final String from;
        private final String to;

        private Tampering(String from, String to) {
            this.from = from;
            this.to = to;
        }

        /** Replaces one text of the body by another. */
        static Tampering text(String from, String to) {
            return new Tampering(from, to);
        }

        /** Replaces the Base64 form of one blob's data by another's. */
        static Tampering blob(String from, String to) {
            java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
            return new Tampering(base64.encodeToString(from.getBytes()), base64.encodeToString(to.getBytes()));
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            byte[] body = request.contentStreamProvider().map(SignedRequests::read).orElse(new byte[0]);
            byte[] altered = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace(from, to)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            SdkHttpRequest headers = request.httpRequest().toBuilder().putHeader("Content-Length", String.valueOf(altered.length)).build();
            return wire.prepareRequest(HttpExecuteRequest.builder().request(headers)
                    .contentStreamProvider(ContentStreamProvider.fromByteArray(altered)).build());
        }

        @Override
        public void close() {
            wire.close();
        }
    }
}
