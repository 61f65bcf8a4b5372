package io.sluice.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The REST API through the platform's gateway, as a team calls it without an AWS SDK. */
final class Rest {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Rest() {
    }

    /** An answer: its status and its body as JSON (null when empty). */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Platform.endpoint() + path)).timeout(Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()), response);
    }

    static Answer get(String path) throws Exception {
        return call("GET", path, null);
    }

    static Answer post(String path, String body) throws Exception {
        return call("POST", path, body);
    }

    /** A server-sent event: its name, id and data. */
    record Event(String name, String id, String data) {
    }

    /** What the queue of {@link #events} gets when the server ended the stream. */
    static final Event ENDED = new Event("(the stream ended)", null, "");

    /** Reads the events of a server-sent event stream as they come, until the returned response's body is closed. */
    static HttpResponse<java.io.InputStream> events(String path, BlockingQueue<Event> into) throws Exception {
        return events(Platform.endpoint(), path, into);
    }

    /**
     * Reads the events of a server-sent event stream through the gateway at {@code endpoint} as they
     * come, until the returned response's body is closed; {@link #ENDED} when the server ends it.
     */
    static HttpResponse<java.io.InputStream> events(URI endpoint, String path, BlockingQueue<Event> into) throws Exception {
        HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(Duration.ofSeconds(15)).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = null;
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (name != null || data.length() > 0) {
                            into.add(new Event(name, id, data.toString()));
                        }
                        name = null;
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
                into.add(ENDED);
            } catch (Exception e) {
                // Closed by the test.
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return response;
    }

    static BlockingQueue<Event> queue() {
        return new LinkedBlockingQueue<>();
    }
}
