package io.sluice.kafka.directory;

import io.sluice.common.account.Caller;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The stream directory of a streams service, asked over HTTP on the service's own port at
 * {@value #PATH}{@code <account>/<region>/<stream>}. That port is internal: the gateway routes only
 * AWS protocol requests ({@code POST /}) to it, never this path.
 */
public final class HttpStreamDirectory implements StreamDirectory {
    /** Where the streams service serves its directory. */
    public static final String PATH = "/internal/v1/streams/";

    private final URI streamsService;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param streamsService the streams service, e.g. {@code http://streams:4567} */
    public HttpStreamDirectory(URI streamsService) {
        this.streamsService = streamsService;
    }

    @Override
    public Optional<StreamLocation> locate(Caller owner, String name) {
        URI uri = streamsService.resolve(PATH + owner.accountId() + "/" + encode(owner.region()) + "/" + encode(name));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("The stream directory answered " + response.statusCode() + " for " + uri);
            }
            return Optional.of(StreamLocation.fromJson(response.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the stream directory", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
