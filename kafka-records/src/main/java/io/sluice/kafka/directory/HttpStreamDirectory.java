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
 * {@value #PATH}{@code <account>/<region>/<stream>} — or, with {@link #DELIVERY_STREAMS_PATH}, the
 * Firehose service's directory of delivery streams. That port is internal: the gateway routes only
 * AWS protocol requests ({@code POST /}) to it, never these paths.
 */
public final class HttpStreamDirectory implements StreamDirectory {
    /** Where the streams service serves its directory. */
    public static final String PATH = "/internal/v1/streams/";
    /** Where the Firehose service serves its directory of DirectPut delivery streams. */
    public static final String DELIVERY_STREAMS_PATH = "/internal/v1/delivery-streams/";

    private final URI service;
    private final String path;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param streamsService the streams service, e.g. {@code http://streams:4567} */
    public HttpStreamDirectory(URI streamsService) {
        this(streamsService, PATH);
    }

    /** @param path {@link #PATH} or {@link #DELIVERY_STREAMS_PATH} */
    public HttpStreamDirectory(URI service, String path) {
        this.service = service;
        this.path = path;
    }

    @Override
    public Optional<StreamLocation> locate(Caller owner, String name) {
        URI uri = service.resolve(path + owner.accountId() + "/" + encode(owner.region()) + "/" + encode(name));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("The directory answered " + response.statusCode() + " for " + uri);
            }
            return Optional.of(StreamLocation.fromJson(response.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the directory at " + uri, e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
