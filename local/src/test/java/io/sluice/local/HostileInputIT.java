package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sluice.common.protocol.AwsService;
import io.sluice.endpoint.AwsOperations;
import io.sluice.local.HostileRequests.Api;
import io.sluice.local.HostileRequests.Operation;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
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
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Hostile requests to every operation the platform serves (read from its operation tables), with
 * the members the AWS SDK models for each (the Glue Data Catalog's, which this build has no SDK
 * client of, as the service declares them): well-typed bodies with random values and missing members,
 * members of the wrong JSON type, huge values, truncated bodies and invalid UTF-8, random bytes as
 * CBOR, unknown targets, and a body that arrives slowly. Every answer comes within 30 s, is never a
 * 5xx, and is either a success or a 4xx with AWS's error shape ({@code __type} and {@code message})
 * in the request's encoding; requests signed with a key the gateway knows are verified over their
 * bodies (and refused when altered after signing); afterwards a normal request succeeds and the
 * records written before are intact. The run prints how many requests it sent per API.
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
    /** A key the (permissive) gateway knows: requests signed with it are verified; the other tests' key is unknown. */
    private static final String KNOWN_KEY = "AKIDHOSTILEKNOWN0001";
    private static final String KNOWN_SECRET = "hostile-known-secret";

    /** A request as it goes on the wire. */
    record Call(String api, String target, String contentType, byte[] body) {
        @Override
        public String toString() {
            return target + " " + contentType + " " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
        }
    }

    /** The operations the platform serves, read from its operation tables once it runs. */
    private static List<Api> apis;
    /** The targets sent, to show every operation was tried. */
    private static final java.util.Set<String> TRIED = new java.util.concurrent.ConcurrentSkipListSet<>();

    /** A platform of its own (its own databases): what random requests create stays out of the other tests' way. */
    private static SluicePlatform platform;

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + platform.gatewayPort());
    }

    @BeforeContainer
    static void writeRecordsThatMustSurvive() {
        SluicePlatform.Settings settings = Platform.settings("sluice_hostile", java.util.EnumSet.allOf(PlatformService.class),
                Map.of("sluice.gateway.read-timeout", "2s",
                        "sluice.gateway.auth.credentials[0].access-key-id", KNOWN_KEY,
                        "sluice.gateway.auth.credentials[0].secret-access-key", KNOWN_SECRET,
                        "sluice.gateway.auth.credentials[0].account-id", "000000000000"));
        List<AwsOperations> tables = new java.util.concurrent.CopyOnWriteArrayList<>();
        ApplicationContextInitializer<ConfigurableApplicationContext> tablesOf = context -> context.addApplicationListener(
                (ApplicationListener<ContextRefreshedEvent>) refreshed -> tables.addAll(
                        refreshed.getApplicationContext().getBeansOfType(AwsOperations.class).values()));
        platform = SluicePlatform.start(new SluicePlatform.Settings(settings.gatewayPort(), settings.services(), settings.kafkaBootstrapServers(),
                settings.jdbcUrls(), settings.jdbcUser(), settings.databasePrefix(), settings.properties(), List.of(tablesOf), settings.flink()));
        apis = HostileRequests.served(tables);
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
        List<String> served = apis.stream().flatMap(api -> api.operations().stream().map(o -> api.targetPrefix() + "." + o.name())).toList();
        System.out.println("Hostile input: " + served.stream().filter(TRIED::contains).count() + " of the " + served.size()
                + " operations served were tried");
        assertThat(apis.stream().map(Api::name)).as("the APIs served").contains("KINESIS", "FIREHOSE", "KINESIS_ANALYTICS", "GLUE");
        assertThat(TRIED).as("every operation served was tried").containsAll(served);
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

    /**
     * Signed with a key the gateway knows, so that it reads and verifies the body before the service
     * sees it; a body altered after signing is refused with InvalidSignatureException, whatever it holds.
     */
    @Property(tries = 120)
    void requestsOfAKnownKeyAreVerified(@ForAll("wellTyped") Call call, @ForAll boolean altered) throws Exception {
        SignedRequests.Signed signed = SignedRequests.sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/"))
                .putHeader("Content-Type", call.contentType()).putHeader("X-Amz-Target", call.target()).build(),
                new String(call.body(), StandardCharsets.UTF_8), AwsService.valueOf(call.api()).arnNamespace(), KNOWN_KEY, KNOWN_SECRET, r -> { });
        byte[] body = signed.body().clone();
        if (altered) {
            body[body.length / 2] ^= 0x01;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.uri()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        JsonNode error = answeredProperly(call, request.build(), altered);
        if (altered) {
            assertThat(error.path("__type").asText()).as("answer to %s altered", call).isEqualTo("InvalidSignatureException");
        }
    }

    @Property(tries = 100)
    void unknownTargets(@ForAll("wrongTargets") Call call) throws Exception {
        answeredProperly(call, true);
    }

    @Example
    void everyOperationAnswersAnEmptyRequestInBothEncodings() throws Exception {
        for (Api api : apis) {
            for (Operation operation : api.operations()) {
                String target = api.targetPrefix() + "." + operation.name();
                answeredProperly(new Call(api.name(), target, JSON_TYPE, "{}".getBytes(StandardCharsets.UTF_8)), false);
                answeredProperly(new Call(api.name(), target, CBOR_TYPE, new byte[] {(byte) 0xA0}), false);
            }
        }
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
        SENT.computeIfAbsent("KINESIS", k -> new AtomicInteger()).incrementAndGet();
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
        SENT.computeIfAbsent("KINESIS", k -> new AtomicInteger()).incrementAndGet();
    }

    // ---- generators ----

    private static Arbitrary<Api> apis() {
        return Arbitraries.of(apis);
    }

    private static Arbitrary<Call> calls(boolean wrongTypes) {
        return apis().flatMap(api -> Arbitraries.of(api.operations())
                .filter(operation -> !wrongTypes || !operation.members().isEmpty())
                .flatMap(operation -> HostileRequests.body(operation, wrongTypes).map(body -> new Call(api.name(),
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
        return apis().flatMap(api -> Combinators.combine(Arbitraries.of(api.operations()),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3_000))
                .as((operation, bytes) -> new Call(api.name(), api.targetPrefix() + "." + operation.name(), CBOR_TYPE, bytes)));
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
        answeredProperly(call, request(call.target(), call.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(call.body())).build(),
                mustFail);
    }

    /** The answer to {@code request}, which sends {@code call}: as {@link #answeredProperly(Call, boolean)} says. */
    private static JsonNode answeredProperly(Call call, HttpRequest request, boolean mustFail) throws Exception {
        SENT.computeIfAbsent(call.api(), k -> new AtomicInteger()).incrementAndGet();
        TRIED.add(call.target());
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        assertThat(status).as("status of %s", call).isLessThan(500);
        if (status / 100 == 2) {
            assertThat(mustFail).as("%s succeeded", call).isFalse();
            return null;
        }
        assertThat(status).as("status of %s", call).isBetween(400, 499);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode error = (contentType.contains("cbor") ? CBOR : JSON).readTree(response.body());
        assertThat(error.path("__type").isTextual()).as("__type of the answer to %s: %s", call, error).isTrue();
        assertThat(error.path("message").isTextual()).as("message of the answer to %s: %s", call, error).isTrue();
        return error;
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
