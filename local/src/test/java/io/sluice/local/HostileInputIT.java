package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;

/**
 * Hostile requests to every operation of every API, as the AWS SDK models them (each request
 * class's members and their types): well-typed bodies with random values and missing members,
 * members of the wrong JSON type, huge values, truncated bodies and invalid UTF-8, random bytes as
 * CBOR, unknown targets, and a body that arrives slowly. Every answer comes within 30 s, is never a
 * 5xx, and is either a success or a 4xx with AWS's error shape ({@code __type} and {@code message})
 * in the request's encoding; afterwards a normal request succeeds and the records written before are
 * intact. The run prints how many requests it sent per API.
 */
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, AtomicInteger> SENT = new ConcurrentSkipListMap<>();
    private static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final String CBOR_TYPE = "application/x-amz-cbor-1.1";
    private static final String INTACT = "hostile-intact";
    private static final List<String> WRITTEN = List.of("one", "two", "three", "four", "five");

    /** An API as the SDK models it: its target prefix and each operation's request members. */
    record Api(String name, String targetPrefix, List<Operation> operations) {
    }

    record Operation(String name, List<SdkField<?>> fields) {
    }

    /** A request as it goes on the wire. */
    record Call(String api, String target, String contentType, byte[] body) {
        @Override
        public String toString() {
            return target + " " + contentType + " " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
        }
    }

    private static final List<Api> APIS = List.of(
            api("Kinesis", "Kinesis_20131202", KinesisClient.class),
            api("Firehose", "Firehose_20150804", FirehoseClient.class),
            api("Kinesis Analytics", "KinesisAnalytics_20150814", KinesisAnalyticsClient.class));

    private static Api api(String name, String targetPrefix, Class<?> client) {
        Map<String, Operation> operations = new ConcurrentSkipListMap<>();
        for (Method method : client.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (Modifier.isStatic(method.getModifiers()) || parameters.length != 1 || !SdkRequest.class.isAssignableFrom(parameters[0])) {
                continue;
            }
            try {
                // A request's builder is an SdkPojo with the request's members.
                SdkPojo request = (SdkPojo) parameters[0].getMethod("builder").invoke(null);
                String operation = parameters[0].getSimpleName().replaceAll("Request$", "");
                operations.put(operation, new Operation(operation, request.sdkFields()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot model " + parameters[0], e);
            }
        }
        return new Api(name, targetPrefix, List.copyOf(operations.values()));
    }

    /** A platform of its own (its own databases): what random requests create stays out of the other tests' way. */
    private static SluicePlatform platform;

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + platform.gatewayPort());
    }

    @BeforeContainer
    static void writeRecordsThatMustSurvive() {
        platform = SluicePlatform.start(Platform.settings("sluice_hostile", java.util.EnumSet.allOf(PlatformService.class),
                Map.of("sluice.gateway.read-timeout", "2s")));
        try (KinesisClient kinesis = AwsClients.kinesis(endpoint(), true)) {
            kinesis.createStream(b -> b.streamName(INTACT).shardCount(1));
            KinesisStreams.awaitActive(kinesis, INTACT);
            WRITTEN.forEach(data -> kinesis.putRecord(b -> b.streamName(INTACT).partitionKey(data).data(SdkBytes.fromUtf8String(data))));
        }
    }

    @AfterContainer
    static void theServiceStillAnswersAndEarlierDataIsIntact() {
        try (KinesisClient kinesis = AwsClients.kinesis(endpoint(), true)) {
            kinesis.putRecord(b -> b.streamName(INTACT).partitionKey("after").data(SdkBytes.fromUtf8String("after")));
            List<String> expected = new ArrayList<>(WRITTEN);
            expected.add("after");
            assertThat(KinesisStreams.shardRecords(kinesis, INTACT, "shardId-000000000000")).isEqualTo(expected);
        } finally {
            platform.close();
        }
        StringBuilder report = new StringBuilder("Hostile input: requests sent per API:");
        SENT.forEach((api, count) -> report.append(' ').append(api).append(' ').append(count.get()).append(';'));
        System.out.println(report);
        assertThat(SENT.keySet()).as("every API was tried").containsAll(APIS.stream().map(Api::name).toList());
    }

    // ---- properties ----

    @Property(tries = 250)
    void wellTypedRequestsWithRandomValuesAndMissingMembers(@ForAll("wellTyped") Call call) throws Exception {
        answeredProperly(call, false);
    }

    @Property(tries = 200)
    void membersOfTheWrongType(@ForAll("wrongTypes") Call call) throws Exception {
        answeredProperly(call, false);
    }

    @Property(tries = 150)
    void truncatedBodiesAndInvalidUtf8(@ForAll("brokenBytes") Call call) throws Exception {
        answeredProperly(call, false);
    }

    @Property(tries = 100)
    void randomBytesAsCbor(@ForAll("randomCbor") Call call) throws Exception {
        // A few random bytes may be a valid CBOR map (0xA0 is an empty one): a success is allowed.
        answeredProperly(call, false);
    }

    @Property(tries = 100)
    void unknownTargets(@ForAll("wrongTargets") Call call) throws Exception {
        answeredProperly(call, true);
    }

    @Example
    void aBodyThatArrivesSlowlyIsStillServed() throws Exception {
        byte[] body = ("{\"StreamName\": \"" + INTACT + "-missing\", \"PartitionKey\": \"k\", \"Data\": \"c2xvdw==\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = request("Kinesis_20131202.PutRecord", JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.fromPublisher(slowly(body, Duration.ofMillis(40)), body.length));
        long started = System.nanoTime();
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(1));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("__type").asText()).isEqualTo("ResourceNotFoundException");
        SENT.computeIfAbsent("Kinesis", k -> new AtomicInteger()).incrementAndGet();
    }

    @Example
    void aBodyThatStopsArrivingIsCutOffAfterTheReadTimeout() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", platform.gatewayPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + JSON_TYPE + "\r\n"
                    + "X-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Length: 100\r\n");
            Platform.SIGNATURE.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n{\"Limit\": ");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long started = System.nanoTime();
            byte[] answer = socket.getInputStream().readAllBytes();
            Duration held = Duration.ofNanos(System.nanoTime() - started);
            assertThat(held).as("the connection is let go after the 2 s read timeout").isLessThan(Duration.ofSeconds(15));
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertThat(text.isEmpty() || text.startsWith("HTTP/1.1 408") || text.startsWith("HTTP/1.1 4")).as(text).isTrue();
        }
        SENT.computeIfAbsent("Kinesis", k -> new AtomicInteger()).incrementAndGet();
    }

    // ---- generators ----

    private static Arbitrary<Api> apis() {
        return Arbitraries.of(APIS);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().ofMinLength(5_000).ofMaxLength(300_000).withChars('x'),
                Arbitraries.of("", "arn:aws:kinesis:us-east-1:000000000000:stream/x", "shardId-000000000000", "TRIM_HORIZON", "\u0000",
                        "\uD83D\uDE00", "../../etc/passwd", "%s%s%n"));
    }

    private static Arbitrary<JsonNode> valueOf(SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (type == MarshallingType.STRING) {
            return strings().map(nodes::textNode);
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.SHORT) {
            return Arbitraries.oneOf(Arbitraries.integers().between(-5, 20_000).map(i -> (JsonNode) nodes.numberNode(i)),
                    Arbitraries.longs().map(l -> (JsonNode) nodes.numberNode(l)),
                    Arbitraries.of((JsonNode) nodes.numberNode(new java.math.BigInteger("99999999999999999999999999999"))));
        } else if (type == MarshallingType.BOOLEAN) {
            return Arbitraries.of(nodes.booleanNode(true), nodes.booleanNode(false));
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.INSTANT) {
            return Arbitraries.doubles().map(d -> (JsonNode) nodes.numberNode(d));
        } else if (type == MarshallingType.SDK_BYTES) {
            return Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000)
                    .map(b -> (JsonNode) nodes.textNode(java.util.Base64.getEncoder().encodeToString(b)));
        } else if (type == MarshallingType.LIST) {
            // Items of any kind: strings, nulls, and structures with random members (lists of shapes hold structures).
            Arbitrary<JsonNode> item = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(text -> (JsonNode) nodes.textNode(text)),
                    Arbitraries.just((JsonNode) nodes.nullNode()), structures().map(object -> (JsonNode) object));
            return item.list().ofMaxSize(600).map(values -> {
                ArrayNode array = nodes.arrayNode();
                values.forEach(array::add);
                return array;
            });
        } else if (type == MarshallingType.MAP) {
            return Arbitraries.maps(Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().ofMaxLength(300)).ofMaxSize(60)
                    .map(HostileInputIT::object);
        } else if (type == MarshallingType.SDK_POJO) {
            return structures().map(object -> (JsonNode) object);
        }
        return Arbitraries.just(nodes.nullNode());
    }

    /** Structures with a few random members of random text. */
    private static Arbitrary<ObjectNode> structures() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), strings()).ofMaxSize(4).map(HostileInputIT::object);
    }

    private static ObjectNode object(Map<String, String> members) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        members.forEach(object::put);
        return object;
    }

    /** A JSON object with a random subset of the operation's members, each of its type or, asked, of another. */
    private static Arbitrary<ObjectNode> body(Operation operation, boolean wrongTypes) {
        List<Arbitrary<Map.Entry<String, JsonNode>>> members = new ArrayList<>();
        for (SdkField<?> field : operation.fields()) {
            Arbitrary<JsonNode> value = wrongTypes ? wrongValue(field) : valueOf(field);
            members.add(Combinators.combine(Arbitraries.integers().between(0, 3), value)
                    .as((keep, v) -> keep == 0 ? null : Map.entry(field.locationName(), v)));
        }
        if (members.isEmpty()) {
            return Arbitraries.just(JsonNodeFactory.instance.objectNode());
        }
        return Combinators.combine(members).as(entries -> {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            entries.stream().filter(e -> e != null).forEach(e -> object.set(e.getKey(), e.getValue()));
            return object;
        });
    }

    /** A value of any JSON type but the member's own. */
    private static Arbitrary<JsonNode> wrongValue(SdkField<?> field) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        MarshallingType<?> type = field.marshallingType();
        List<Arbitrary<JsonNode>> others = new ArrayList<>();
        if (type != MarshallingType.STRING && type != MarshallingType.SDK_BYTES) {
            others.add(strings().map(nodes::textNode));
        }
        if (type != MarshallingType.INTEGER && type != MarshallingType.LONG && type != MarshallingType.DOUBLE
                && type != MarshallingType.INSTANT) {
            others.add(Arbitraries.integers().map(i -> (JsonNode) nodes.numberNode(i)));
        }
        if (type != MarshallingType.BOOLEAN) {
            others.add(Arbitraries.of(nodes.booleanNode(true)));
        }
        if (type != MarshallingType.LIST) {
            others.add(Arbitraries.of((JsonNode) nodes.arrayNode().add(1).add("x")));
        }
        if (type != MarshallingType.MAP && type != MarshallingType.SDK_POJO) {
            others.add(Arbitraries.of((JsonNode) nodes.objectNode().put("a", 1)));
        }
        return Arbitraries.oneOf(others);
    }

    private static Arbitrary<Call> calls(boolean wrongTypes) {
        return apis().flatMap(api -> Arbitraries.of(api.operations())
                .filter(operation -> !wrongTypes || !operation.fields().isEmpty())
                .flatMap(operation -> body(operation, wrongTypes).map(body -> new Call(api.name(),
                        api.targetPrefix() + "." + operation.name(), JSON_TYPE, body.toString().getBytes(StandardCharsets.UTF_8)))));
    }

    @Provide
    Arbitrary<Call> wellTyped() {
        return calls(false);
    }

    @Provide
    Arbitrary<Call> wrongTypes() {
        return calls(true);
    }

    @Provide
    Arbitrary<Call> brokenBytes() {
        return Combinators.combine(calls(false), Arbitraries.doubles().between(0, 1), Arbitraries.bytes().array(byte[].class).ofMinSize(1)
                .ofMaxSize(8), Arbitraries.of(true, false)).as((call, at, junk, truncate) -> {
                    int cut = (int) (call.body().length * at);
                    byte[] broken;
                    if (truncate) {
                        broken = java.util.Arrays.copyOf(call.body(), cut);
                    } else {
                        // Bytes that are not UTF-8 (0xC3 0x28, 0xFF…) spliced into the text.
                        ByteBuffer spliced = ByteBuffer.allocate(call.body().length + junk.length + 2);
                        spliced.put(call.body(), 0, cut).put((byte) 0xC3).put((byte) 0x28).put(junk).put(call.body(), cut, call.body().length - cut);
                        broken = spliced.array();
                    }
                    return new Call(call.api(), call.target(), call.contentType(), broken);
                });
    }

    @Provide
    Arbitrary<Call> randomCbor() {
        return Combinators.combine(Arbitraries.of(APIS.get(0).operations()), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3_000))
                .as((operation, bytes) -> new Call("Kinesis", "Kinesis_20131202." + operation.name(), CBOR_TYPE, bytes));
    }

    @Provide
    Arbitrary<Call> wrongTargets() {
        Arbitrary<String> targets = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                apis().flatMap(api -> Arbitraries.strings().alpha().ofMaxLength(30).map(op -> api.targetPrefix() + "." + op + "Nope")),
                Arbitraries.of("Kinesis_20131202.", "Kinesis_20131202", "Firehose_20150804..PutRecord", "DynamoDB_20120810.ListTables",
                        "kinesis_20131202.ListStreams"));
        return Combinators.combine(apis(), targets).as((api, target) -> new Call(api.name(), target, JSON_TYPE, "{}".getBytes()));
    }

    // ---- the wire ----

    private static HttpRequest.Builder request(String target, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint().resolve("/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType);
        if (!target.isEmpty() && target.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            request.header("X-Amz-Target", target);
        }
        Platform.SIGNATURE.forEach(request::header);
        return request;
    }

    /**
     * Sends the call; its answer must come within 30 s (the request's timeout), never be a 5xx, and
     * unless it is a success (a random request may well be valid) be a 4xx with AWS's error shape.
     */
    private static void answeredProperly(Call call, boolean mustFail) throws Exception {
        SENT.computeIfAbsent(call.api(), k -> new AtomicInteger()).incrementAndGet();
        HttpResponse<byte[]> response = HTTP.send(request(call.target(), call.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body())).build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        assertThat(status).as("status of %s", call).isLessThan(500);
        if (status / 100 == 2) {
            assertThat(mustFail).as("%s succeeded", call).isFalse();
            return;
        }
        assertThat(status).as("status of %s", call).isBetween(400, 499);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode error = (contentType.contains("cbor") ? CBOR : JSON).readTree(response.body());
        assertThat(error.path("__type").isTextual()).as("__type of the answer to %s: %s", call, error).isTrue();
        assertThat(error.path("message").isTextual()).as("message of the answer to %s: %s", call, error).isTrue();
    }

    /** A body published a byte at a time, {@code pause} apart. */
    private static Flow.Publisher<ByteBuffer> slowly(byte[] body, Duration pause) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private int next;
            private boolean done;

            @Override
            public synchronized void request(long n) {
                for (long i = 0; i < n && !done; i++) {
                    if (next == body.length) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        subscriber.onError(e);
                        return;
                    }
                    subscriber.onNext(ByteBuffer.wrap(body, next++, 1));
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }
}
