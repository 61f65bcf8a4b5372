package io.sluice.firehose.processing;

import io.sluice.common.lambda.LambdaInvoker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processors over records, the Lambda transform served by a real HTTP server in the test:
 * Ok, Dropped and ProcessingFailed results, retries on 5xx and on time-outs, malformed answers,
 * JQ partition keys with strftime, KPL de-aggregation, CloudWatch Logs extraction, delimiters.
 */
class RecordProcessingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:transform";
    private static final String STREAM_ARN = "arn:aws:firehose:us-east-1:000000000000:deliverystream/s";
    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** A function at a local URL: each invocation's event to its answer (status and body). */
    private LambdaInvoker serve(Function<JsonNode, Map.Entry<Integer, Object>> function, Duration timeout) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            JsonNode event = JSON.readTree(exchange.getRequestBody());
            Map.Entry<Integer, Object> answer = function.apply(event);
            byte[] body = JSON.writeValueAsBytes(answer.getValue());
            exchange.sendResponseHeaders(answer.getKey(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return new LambdaInvoker(Map.of("transform", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")), null, timeout);
    }

    private static ProcessingConfiguration processors(String... typeAndParameters) {
        ObjectNode config = JSON.createObjectNode().put("Enabled", true);
        var list = config.putArray("Processors");
        for (String spec : typeAndParameters) {
            String[] parts = spec.split(";");
            ObjectNode p = list.addObject().put("Type", parts[0]);
            var parameters = p.putArray("Parameters");
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                parameters.addObject().put("ParameterName", kv[0]).put("ParameterValue", kv[1]);
            }
        }
        return ProcessingConfiguration.of(config);
    }

    private static List<RecordProcessing.Input> inputs(String... lines) {
        List<RecordProcessing.Input> inputs = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            inputs.add(new RecordProcessing.Input(100 + i, 1_700_000_000_000L + i, lines[i].getBytes(StandardCharsets.UTF_8)));
        }
        return inputs;
    }

    private static String text(RecordProcessing.Output output) {
        return new String(output.data(), StandardCharsets.UTF_8);
    }

    /** Upper-cases "ok" records, drops "drop" records, fails the rest, with a partition key. */
    private static Map.Entry<Integer, Object> transform(JsonNode event) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode r : event.path("records")) {
            String data = new String(Base64.getDecoder().decode(r.path("data").asText()), StandardCharsets.UTF_8);
            String result = data.startsWith("ok") ? "Ok" : data.startsWith("drop") ? "Dropped" : "ProcessingFailed";
            records.add(Map.of("recordId", r.path("recordId").asText(), "result", result,
                    "data", Base64.getEncoder().encodeToString(data.toUpperCase().getBytes(StandardCharsets.UTF_8)),
                    "metadata", Map.of("partitionKeys", Map.of("kind", data.substring(0, 2)))));
        }
        return Map.entry(200, Map.of("records", records));
    }

    @Test
    void lambdaResultsAreDeliveredDroppedOrWrittenAsProcessingFailedDocuments() throws IOException {
        LambdaInvoker lambdas = serve(RecordProcessingTest::transform, Duration.ofSeconds(5));
        RecordProcessing processing = new RecordProcessing(processors("Lambda;LambdaArn=" + ARN, "AppendDelimiterToRecord"),
                true, List.of("kind"), STREAM_ARN, "us-east-1", lambdas, Clock.systemUTC());
        List<RecordProcessing.Output> outputs = processing.process(inputs("ok-1", "drop-2", "bad-3", "ok-4"));

        assertThat(outputs).extracting(RecordProcessing.Output::offset).containsExactly(100L, 102L, 103L);
        assertThat(text(outputs.get(0))).isEqualTo("OK-1\n");
        assertThat(outputs.get(0).partitionKeys()).containsExactly(Map.entry("kind", "ok"));
        assertThat(outputs.get(1).errorType()).isEqualTo("processing-failed");
        JsonNode failure = JSON.readTree(outputs.get(1).data());
        assertThat(failure.path("errorCode").asText()).isEqualTo("Lambda.ProcessingFailedStatus");
        assertThat(failure.path("lambdaArn").asText()).isEqualTo(ARN);
        assertThat(failure.path("attemptsMade").asInt()).isEqualTo(1);
        assertThat(failure.path("arrivalTimestamp").asLong()).isEqualTo(1_700_000_000_002L);
        assertThat(new String(Base64.getDecoder().decode(failure.path("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo("bad-3");
        assertThat(text(outputs.get(2))).isEqualTo("OK-4\n");
        assertThat(calls).hasValue(1);
    }

    @Test
    void failedInvocationsAreRetriedAndThenEveryRecordOfTheBatchFails() throws IOException {
        AtomicInteger attempt = new AtomicInteger();
        LambdaInvoker flaky = serve(event -> attempt.incrementAndGet() < 3 ? Map.entry(503, Map.of("message", "busy")) : transform(event),
                Duration.ofSeconds(5));
        RecordProcessing retried = new RecordProcessing(processors("Lambda;LambdaArn=" + ARN + ";NumberOfRetries=2"), false, List.of(),
                STREAM_ARN, "us-east-1", flaky, Clock.systemUTC());
        assertThat(retried.process(inputs("ok-a"))).extracting(RecordProcessingTest::text).containsExactly("OK-A");
        assertThat(attempt).hasValue(3);

        calls.set(0);
        LambdaInvoker failing = serve(event -> Map.entry(500, Map.of("message", "boom")), Duration.ofSeconds(5));
        RecordProcessing givingUp = new RecordProcessing(processors("Lambda;LambdaArn=" + ARN + ";NumberOfRetries=1"), false, List.of(),
                STREAM_ARN, "us-east-1", failing, Clock.systemUTC());
        List<RecordProcessing.Output> outputs = givingUp.process(inputs("ok-a", "ok-b"));
        assertThat(calls).hasValue(2);
        assertThat(outputs).hasSize(2).allSatisfy(o -> {
            assertThat(o.errorType()).isEqualTo("processing-failed");
            JsonNode doc = JSON.readTree(o.data());
            assertThat(doc.path("errorCode").asText()).isEqualTo("Lambda.FunctionError");
            assertThat(doc.path("attemptsMade").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aFunctionThatDoesNotAnswerInTimeIsRetriedAndThenFails() throws IOException {
        LambdaInvoker slow = serve(event -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return transform(event);
        }, Duration.ofMillis(300));
        RecordProcessing processing = new RecordProcessing(processors("Lambda;LambdaArn=" + ARN + ";NumberOfRetries=1"), false,
                List.of(), STREAM_ARN, "us-east-1", slow, Clock.systemUTC());
        List<RecordProcessing.Output> outputs = processing.process(inputs("ok-slow"));
        assertThat(outputs).singleElement().satisfies(o -> assertThat(JSON.readTree(o.data()).path("errorCode").asText())
                .isEqualTo("Lambda.FunctionTimedOut"));
    }

    @Test
    void anAnswerMissingARecordFailsTheInvocation() throws IOException {
        LambdaInvoker forgetful = serve(event -> Map.entry(200, Map.of("records", List.of())), Duration.ofSeconds(5));
        RecordProcessing processing = new RecordProcessing(processors("Lambda;LambdaArn=" + ARN + ";NumberOfRetries=0"), false,
                List.of(), STREAM_ARN, "us-east-1", forgetful, Clock.systemUTC());
        assertThat(processing.process(inputs("ok-x"))).singleElement()
                .satisfies(o -> assertThat(JSON.readTree(o.data()).path("errorCode").asText()).isEqualTo("Lambda.MissingRecordId"));
    }

    @Test
    void metadataExtractionGivesPartitionKeysWithStrftimeAndRecordsWithoutThemFailPartitioning() throws IOException {
        RecordProcessing processing = new RecordProcessing(processors(
                "MetadataExtraction;MetadataExtractionQuery={customer:.customer_id,year:.ts|strftime(\"%Y\"),day:.ts|strftime(\"%m-%d\")}"
                        + ";JsonParsingEngine=JQ-1.6"), true, List.of("customer", "year"), STREAM_ARN, "us-east-1", null, Clock.systemUTC());
        List<RecordProcessing.Output> outputs = processing.process(inputs(
                "{\"customer_id\":\"acme\",\"ts\":1764547200}", "{\"customer_id\":42,\"ts\":1735689599.5}", "not json", "{\"ts\":1}"));
        assertThat(outputs.get(0).partitionKeys()).containsExactly(Map.entry("customer", "acme"), Map.entry("year", "2025"),
                Map.entry("day", "12-01"));
        assertThat(outputs.get(1).partitionKeys()).containsEntry("customer", "42").containsEntry("year", "2024");
        assertThat(outputs.subList(2, 4)).allSatisfy(o -> assertThat(o.errorType()).isEqualTo("partitioning-failed"));
    }

    @Test
    void kplAggregatesAndCloudWatchLogsAreUnpacked() throws IOException {
        RecordProcessing kpl = new RecordProcessing(processors("RecordDeAggregation;SubRecordType=KPL", "AppendDelimiterToRecord;Delimiter=\\n"),
                false, List.of(), STREAM_ARN, "us-east-1", null, Clock.systemUTC());
        byte[] aggregated = aggregate(List.of("one".getBytes(), "two".getBytes(), "three".getBytes()));
        List<RecordProcessing.Output> outputs = kpl.process(List.of(new RecordProcessing.Input(7, 0, aggregated),
                new RecordProcessing.Input(8, 0, "plain".getBytes())));
        assertThat(outputs).extracting(RecordProcessingTest::text).containsExactly("one\n", "two\n", "three\n", "plain\n");
        assertThat(outputs).extracting(RecordProcessing.Output::offset).containsExactly(7L, 7L, 7L, 8L);

        RecordProcessing logs = new RecordProcessing(processors("Decompression;CompressionFormat=GZIP",
                "CloudWatchLogProcessing;DataMessageExtraction=true"), false, List.of(), STREAM_ARN, "us-east-1", null, Clock.systemUTC());
        byte[] data = gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"message\":\"a\"},{\"id\":\"2\",\"message\":\"b\"}]}");
        byte[] control = gzip("{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"message\":\"hello\"}]}");
        assertThat(logs.process(List.of(new RecordProcessing.Input(1, 0, data), new RecordProcessing.Input(2, 0, control),
                new RecordProcessing.Input(3, 0, "not gzip".getBytes()))))
                .extracting(o -> o.failed() ? o.errorType() : text(o)).containsExactly("a", "b", "processing-failed");
    }

    @Test
    void configurationsAreCheckedAsFirehoseChecksThem() {
        assertThatThrownBy(() -> processors("Lambda;LambdaArn=" + ARN + ";Delimiter=x").checkConsistent(false))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("Parameter Delimiter is not supported for processor type Lambda.");
                });
        assertThatThrownBy(() -> processors("Lambda;LambdaArn=not-an-arn").checkConsistent(false)).hasMessageContaining("LambdaArn");
        assertThatThrownBy(() -> processors("Lambda;LambdaArn=" + ARN + ";NumberOfRetries=9").checkConsistent(false))
                .hasMessageContaining("NumberOfRetries");
        assertThatThrownBy(() -> processors("MetadataExtraction;MetadataExtractionQuery={a:.a};JsonParsingEngine=JQ-1.6")
                .checkConsistent(false)).hasMessageContaining("dynamic partitioning");
        assertThatThrownBy(() -> processors("MetadataExtraction;MetadataExtractionQuery={a:.a|;JsonParsingEngine=JQ-1.6")
                .checkConsistent(true)).hasMessageContaining("not a valid JQ expression");
        var violations = io.sluice.common.error.Violations.check();
        processors("Shredder;Delimiter=x").check(violations, "extendedS3DestinationConfiguration.processingConfiguration");
        assertThatThrownBy(violations::raise).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
                .contains("'extendedS3DestinationConfiguration.processingConfiguration.processors.1.member.type'"));
        assertThat(PartitionKeyQuery.strftime("%Y-%m-%dT%H:%M:%SZ %j %a %b", java.time.Instant.parse("2026-03-01T07:08:09Z")))
                .isEqualTo("2026-03-01T07:08:09Z 060 Sun Mar");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A KPL aggregated record as the KPL writes one: magic, the protobuf AggregatedRecord, its MD5. */
    private static byte[] aggregate(List<byte[]> records) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        field(message, 1, "pk".getBytes(StandardCharsets.UTF_8));
        for (byte[] record : records) {
            ByteArrayOutputStream r = new ByteArrayOutputStream();
            r.write(1 << 3);
            r.write(0);
            field(r, 3, record);
            field(message, 3, r.toByteArray());
        }
        byte[] body = message.toByteArray();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2});
            out.write(body);
            out.write(MessageDigest.getInstance("MD5").digest(body));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        out.write(number << 3 | 2);
        int length = value.length;
        while (length >= 0x80) {
            out.write(length & 0x7F | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(value);
    }
}
