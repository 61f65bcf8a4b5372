package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile requests to every operation of the REST API, as its own OpenAPI documents describe them
 * (each path, method, path and query parameter, and request body's properties): random and hostile
 * path segments and parameters, bodies with random members of random types, huge values, broken
 * JSON. Every answer comes within 30 s, is never a 5xx, and is a success or a 4xx problem document
 * naming the AWS error (a request line over 4 KiB gets the HTTP server's bare 414, before any route);
 * afterwards the records written before are read back intact. The run prints how many requests it
 * sent per service. (Live tails, which never end by themselves, are left out.)
 */
class RestHostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, AtomicInteger> SENT = new ConcurrentSkipListMap<>();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final String INTACT = "rest-hostile-intact";
    private static final List<String> WRITTEN = List.of("one", "two", "three");
    private static final List<Endpoint> ENDPOINTS = new ArrayList<>();
    private static SluicePlatform platform;

    /** An operation of the REST API: the service whose document names it, method, path template, parameters, body members. */
    record Endpoint(String service, String method, String path, List<String> query, List<String> bodyMembers) {
    }

    /** A request as it goes on the wire. */
    record Call(String service, String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path + " " + (body == null ? "" : body.substring(0, Math.min(body.length(), 300)));
        }
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + platform.gatewayPort());
    }

    @BeforeContainer
    static void readTheDocumentsAndWriteRecordsThatMustSurvive() throws Exception {
        platform = SluicePlatform.start(Platform.settings("sluice_resthostile", java.util.EnumSet.allOf(PlatformService.class), Map.of()));
        for (String service : List.of("streams", "firehose", "analytics")) {
            JsonNode document = JSON.readTree(send(new Call(service, "GET", "/openapi/" + service, null)).body());
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                if (!operation.getValue().path("responses").toString().contains("text/event-stream")) {
                    ENDPOINTS.add(endpointOf(service, path.getKey(), operation.getKey(), operation.getValue(), document));
                }
            }));
        }
        assertThat(ENDPOINTS).as("the REST operations the documents describe").hasSizeGreaterThan(20);
        assertThat(send(new Call("streams", "POST", "/v1/streams", "{\"StreamName\": \"" + INTACT + "\", \"ShardCount\": 1}")).statusCode())
                .isEqualTo(201);
        awaitActive();
        for (String data : WRITTEN) {
            assertThat(send(new Call("streams", "POST", "/v1/streams/" + INTACT + "/records",
                    "{\"PartitionKey\": \"k\", \"Data\": \"" + data + "\"}")).statusCode()).isEqualTo(200);
        }
    }

    @AfterContainer
    static void theServicesStillAnswerAndEarlierRecordsAreIntact() throws Exception {
        try {
            HttpResponse<String> records = send(new Call("streams", "GET",
                    "/v1/streams/" + INTACT + "/records?shardId=shardId-000000000000&from=TRIM_HORIZON", null));
            assertThat(records.statusCode()).isEqualTo(200);
            List<String> read = new ArrayList<>();
            JSON.readTree(records.body()).path("Records").forEach(record -> read.add(record.path("Data").asText()));
            // Random requests may well be valid puts to the same stream: those come after.
            assertThat(read).startsWith(WRITTEN.toArray(String[]::new));
        } finally {
            platform.close();
        }
        StringBuilder report = new StringBuilder("Hostile REST input: requests sent per service:");
        SENT.forEach((service, count) -> report.append(' ').append(service).append(' ').append(count.get()).append(';'));
        System.out.println(report);
        assertThat(SENT.keySet()).as("every service was tried").contains("streams", "firehose", "analytics");
    }

    @Property(tries = 400)
    void anyOperationWithHostileParametersAndBodies(@ForAll("calls") Call call) throws Exception {
        SENT.computeIfAbsent(call.service(), k -> new AtomicInteger()).incrementAndGet();
        HttpResponse<String> response;
        try {
            response = send(call);
        } catch (java.io.IOException e) {
            // A request line over 4 KiB: the HTTP server answers 414 and closes the connection at once,
            // which can reach the client while it is still writing the body (no response to read).
            assertThat(call.method().length() + call.path().length()).as("connection closed on %s: %s", call, e).isGreaterThan(4_000);
            return;
        }
        int status = response.statusCode();
        assertThat(status).as("status of %s: %s", call, response.body()).isLessThan(500);
        if (status / 100 == 2 || status == 304) {
            return;
        }
        if (status == 414) {
            // Refused by the HTTP server before any route, as AWS's front ends refuse it: the request line is over 4 KiB.
            assertThat(call.method().length() + call.path().length()).as("the request line of %s", call).isGreaterThan(4_000);
            return;
        }
        assertThat(status).as("status of %s", call).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as("%s", call).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("title").asText()).as("title of the answer to %s: %s", call, problem).matches("[A-Z][A-Za-z]+");
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(ENDPOINTS).flatMap(endpoint -> Combinators.combine(path(endpoint), query(endpoint), body(endpoint))
                .as((path, query, body) -> new Call(endpoint.service(), endpoint.method(), path + query, body)));
    }

    // ---- generators ----

    private static Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withChars('x').ofMinLength(300).ofMaxLength(5_000),
                Arbitraries.of(INTACT, "shardId-000000000000", "TRIM_HORIZON", "LATEST", "-1", "0", "99999999999999999999", "..", "%00",
                        "\uD83D\uDE00", "'; DROP TABLE streams; --", "true", "null"));
    }

    private static Arbitrary<String> path(Endpoint endpoint) {
        Matcher parameters = PATH_PARAMETER.matcher(endpoint.path());
        List<String> names = new ArrayList<>();
        while (parameters.find()) {
            names.add(parameters.group(1));
        }
        if (names.isEmpty()) {
            return Arbitraries.just(endpoint.path());
        }
        // Any request to the stream that must survive, except its deletion.
        Arbitrary<String> segments = endpoint.method().equals("DELETE") ? hostile().filter(v -> !v.equals(INTACT)) : hostile();
        return segments.list().ofSize(names.size()).map(values -> {
            String path = endpoint.path();
            for (int i = 0; i < names.size(); i++) {
                path = path.replace("{" + names.get(i) + "}", encode(values.get(i)));
            }
            return path;
        });
    }

    private static Arbitrary<String> query(Endpoint endpoint) {
        if (endpoint.query().isEmpty()) {
            return Arbitraries.just("");
        }
        return Combinators.combine(Arbitraries.subsetOf(endpoint.query()), hostile().list().ofSize(endpoint.query().size()))
                .as((chosen, values) -> {
                    StringBuilder query = new StringBuilder();
                    int i = 0;
                    for (String name : chosen) {
                        query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encode(values.get(i++)));
                    }
                    return query.toString();
                });
    }

    private static Arbitrary<String> body(Endpoint endpoint) {
        if (endpoint.bodyMembers() == null) {
            return Arbitraries.just(null);
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> value = Arbitraries.oneOf(hostile().map(nodes::textNode),
                Arbitraries.integers().map(i -> (JsonNode) nodes.numberNode(i)),
                Arbitraries.of((JsonNode) nodes.booleanNode(true), nodes.nullNode(), nodes.arrayNode().add(1).add("x"),
                        nodes.objectNode().put("a", 1), nodes.numberNode(new java.math.BigInteger("99999999999999999999999999"))));
        Arbitrary<String> members = Arbitraries.maps(endpoint.bodyMembers().isEmpty() ? hostile() : Arbitraries.of(endpoint.bodyMembers()),
                value).ofMaxSize(6).map(chosen -> {
                    ObjectNode object = nodes.objectNode();
                    chosen.forEach(object::set);
                    return object.toString();
                });
        Arbitrary<String> broken = members.map(text -> text.substring(0, text.length() / 2));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, members), net.jqwik.api.Tuple.of(1, broken),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "[]", "\"x\"", "{\"a\":" + "[".repeat(2_000))));
    }

    // ---- the documents and the wire ----

    private static Endpoint endpointOf(String service, String path, String method, JsonNode operation, JsonNode document) {
        List<String> query = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> {
            if (parameter.path("in").asText().equals("query")) {
                query.add(parameter.path("name").asText());
            }
        });
        List<String> members = null;
        JsonNode requestBody = operation.path("requestBody");
        if (!requestBody.isMissingNode()) {
            members = new ArrayList<>();
            JsonNode schema = requestBody.path("content").elements().hasNext() ? requestBody.path("content").elements().next().path("schema")
                    : JSON.missingNode();
            if (schema.has("$ref")) {
                schema = document.at(schema.path("$ref").asText().substring(1));
            }
            for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
                members.add(names.next());
            }
        }
        return new Endpoint(service, method.toUpperCase(java.util.Locale.ROOT), path, query, members);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpResponse<String> send(Call call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + call.path())).timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitActive() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!send(new Call("streams", "GET", "/v1/streams/" + INTACT, null)).body().contains("\"ACTIVE\"")) {
            assertThat(System.nanoTime()).as("the stream becomes active").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
