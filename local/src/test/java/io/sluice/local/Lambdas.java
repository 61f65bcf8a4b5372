package io.sluice.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Transformation functions for the platform's Firehose, served at Lambda's Invoke path
 * ({@code /2015-03-31/functions/<name>/invocations}) by an HTTP server of the test JVM, as
 * {@code sam local start-lambda} serves them.
 */
final class Lambdas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Function<JsonNode, Object>> FUNCTIONS = new ConcurrentHashMap<>();
    private static final HttpServer SERVER = start();

    private Lambdas() {
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/2015-03-31/functions/", exchange -> {
                String name = exchange.getRequestURI().getPath().split("/")[3];
                Function<JsonNode, Object> function = FUNCTIONS.get(name);
                byte[] body;
                int status = 200;
                if (function == null) {
                    status = 404;
                    body = JSON.writeValueAsBytes(Map.of("Type", "User", "Message", "Function not found: " + name));
                } else {
                    body = JSON.writeValueAsBytes(function.apply(JSON.readTree(exchange.getRequestBody())));
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL template the platform's Firehose invokes functions at. */
    static String urlTemplate() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/2015-03-31/functions/{function}/invocations";
    }

    /** Serves {@code function} under {@code name}: Firehose's event in, the answer (serialized as JSON) out. */
    static void register(String name, Function<JsonNode, Object> function) {
        FUNCTIONS.put(name, function);
    }
}
