package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.KinesisStreams;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Bad requests get exactly AWS's answers, as measured against AWS itself: the kind of error, its
 * wording and order, in AWS's form for the request (XML for requests no operation can be told from,
 * JSON otherwise); and what AWS takes (short shard ids), Sluice takes.
 */
class AwsAnswersIT {
    private static final String STREAM = "aws-answers";
    private static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final String ACCOUNT = "000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String MISSING_TOKEN = "<MissingAuthenticationTokenException>\n  <Message>Missing Authentication Token</Message>\n"
            + "</MissingAuthenticationTokenException>\n";
    private static final String ACCESS_DENIED = "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be "
            + "authorized</Message>\n</AccessDeniedException>\n";
    private static KinesisClient kinesis;

    @BeforeAll
    static void createStream() {
        kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
        KinesisStreams.awaitActive(kinesis, STREAM);
    }

    @AfterAll
    static void close() {
        kinesis.close();
    }

    @ParameterizedTest(name = "{0} {1} signed={2}")
    @CsvSource({
        "GET, /, false", "GET, /, true", "PUT, /, false", "PUT, /, true", "OPTIONS, /, false", "DELETE, /, true",
        "GET, /no/such/path, false", "GET, /no/such/path, true", "POST, /, false", "POST, /, true", "GET, /openapi/nothing, true"})
    void requestsNoOperationCanBeToldFromAreAnsweredInXml(String method, String path, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Platform.endpoint().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (signed) {
            Platform.SIGNATURE.forEach(request::header);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(signed ? ACCESS_DENIED : MISSING_TOKEN);
        assertThat(answer.headers().firstValue("Content-Type")).isEmpty();
        assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @ParameterizedTest(name = "Content-Type {0}")
    @CsvSource({"application/x-amz-json-1.0", "text/plain", "''"})
    void aBodyInNoProtocolsContentTypeIsAnsweredInXml(String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Platform.endpoint()).header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        Platform.SIGNATURE.forEach(request::header);
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(ACCESS_DENIED);
    }

    @Test
    void noTargetIsUnknownOperationAndNoBodyIsSerializationEvenUnsigned() throws Exception {
        assertThat(error(post(null, "{}", Platform.SIGNATURE)).path("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(error(post("Kinesis_20131202.ListStreams", "", Map.of())).path("__type").asText()).isEqualTo("SerializationException");
        assertThat(error(post("Kinesis_20131202.ListStreams", "{}", Map.of())).path("__type").asText())
                .isEqualTo("MissingAuthenticationTokenException");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            CreateStream     | {"StreamName": 23, "ShardCount": 1}     | class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String
            CreateStream     | {"StreamName": "x", "ShardCount": true} | class java.lang.Boolean can not be converted to an Integer
            CreateStream     | {"StreamName": "x", "Tags": "a"}        | Expected map or null
            CreateStream     | {"StreamName": {}, "ShardCount": 1}     | Start of structure or map found where not expected.
            PutRecord        | {"StreamName": "x", "PartitionKey": "k", "Data": "23456"} | '23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5
            PutRecords       | {"StreamName": "x", "Records": {}}      | Start of structure or map found where not expected.
            PutRecords       | {"StreamName": "x", "Records": [true]}  | Expected null
            GetShardIterator | {"StreamName": "x", "ShardId": []}      | Start of list found where not expected
            ListShards       | {"StreamName": "x", "MaxResults": "5"}  | class java.lang.String can not be converted to an Integer
            """)
    void aMemberOfTheWrongTypeIsASerializationException(String operation, String body, String message) throws Exception {
        JsonNode error = error(post("Kinesis_20131202." + operation, body, Platform.SIGNATURE));
        assertThat(error.path("__type").asText()).isEqualTo("SerializationException");
        assertThat(error.path("message").asText()).isEqualTo(message);
    }

    @Test
    void everyViolationIsReportedInAwsOrderBeforeAnyLookup() throws Exception {
        JsonNode none = error(post("Kinesis_20131202.GetShardIterator", "{}", Platform.SIGNATURE));
        assertThat(none.path("message").asText()).isEqualTo("2 validation errors detected: "
                + "Value null at 'shardId' failed to satisfy constraint: Member must not be null; "
                + "Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null");
        JsonNode empty = error(post("Kinesis_20131202.GetShardIterator",
                "{\"StreamName\": \"\", \"ShardIteratorType\": \"\", \"ShardId\": \"\", \"StartingSequenceNumber\": \"\"}", Platform.SIGNATURE));
        assertThat(empty.path("__type").asText()).isEqualTo("ValidationException");
        assertThat(empty.path("message").asText()).startsWith("6 validation errors detected: "
                + "Value '' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                + "Value '' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + "Value '' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: ")
                .contains("; Value '' at 'startingSequenceNumber' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128}); "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1");
        String name = "a".repeat(129);
        JsonNode tooLong = error(post("Kinesis_20131202.GetShardIterator",
                "{\"StreamName\": \"" + name + "\", \"ShardId\": \"" + name + "\", \"ShardIteratorType\": \"LATEST\"}", Platform.SIGNATURE));
        assertThat(tooLong.path("message").asText()).isEqualTo("2 validation errors detected: "
                + "Value '" + name + "' at 'shardId' failed to satisfy constraint: Member must have length less than or equal to 128; "
                + "Value '" + name + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"shardId-000000000001", "shardId-1", "shard-0001", "1", "__answers_0.5-1", "-00000000001"})
    void shortShardIdsNameTheShardAsInAws(String shardId) {
        String sequenceNumber = kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("k").data(SdkBytes.fromUtf8String("x"))
                .explicitHashKey("340282366920938463463374607431768211455")).sequenceNumber();
        assertThat(sequenceNumber).hasSize(56).startsWith("49");
        String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(sequenceNumber)).shardIterator();
        assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).records().get(0).sequenceNumber()).isEqualTo(sequenceNumber);
        assertThat(kinesis.listShards(b -> b.streamName(STREAM).exclusiveStartShardId(shardId.equals("1") ? "0" : "shardId-0")).shards())
                .extracting(s -> s.shardId()).containsExactly("shardId-000000000001");
    }

    @Test
    void unknownShardsAreNamedAsAwsNamesThem() throws Exception {
        JsonNode parsed = error(post("Kinesis_20131202.GetShardIterator",
                "{\"StreamName\": \"" + STREAM + "\", \"ShardId\": \"shardId-5\", \"ShardIteratorType\": \"LATEST\"}", Platform.SIGNATURE));
        assertThat(parsed.path("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(parsed.path("message").asText())
                .isEqualTo("Shard shardId-000000000005 in stream " + STREAM + " under account " + ACCOUNT + " does not exist");
        JsonNode unparsed = error(post("Kinesis_20131202.GetShardIterator",
                "{\"StreamName\": \"" + STREAM + "\", \"ShardId\": \"2147483648\", \"ShardIteratorType\": \"LATEST\"}", Platform.SIGNATURE));
        assertThat(unparsed.path("message").asText())
                .isEqualTo("Could not find shard 2147483648 in stream " + STREAM + " under account " + ACCOUNT + ".");
    }

    @Test
    void aSequenceNumberGoesWithTheTypesThatTakeOne() throws Exception {
        Map<String, String> cases = new HashMap<>();
        cases.put("{\"ShardIteratorType\": \"LATEST\", \"StartingSequenceNumber\": \"5\"}", "Request specified LATEST and also a StartingSequenceNumber.");
        cases.put("{\"ShardIteratorType\": \"AFTER_SEQUENCE_NUMBER\"}", "Request specified AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String body = c.getKey().replace("{", "{\"StreamName\": \"" + STREAM + "\", \"ShardId\": \"shardId-0\", ");
            JsonNode error = error(post("Kinesis_20131202.GetShardIterator", body, Platform.SIGNATURE));
            assertThat(error.path("__type").asText()).isEqualTo("InvalidArgumentException");
            assertThat(error.path("message").asText()).isEqualTo("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                    + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. " + c.getValue());
        }
        JsonNode foreign = error(post("Kinesis_20131202.GetShardIterator", "{\"StreamName\": \"" + STREAM
                + "\", \"ShardId\": \"shardId-0\", \"ShardIteratorType\": \"AT_SEQUENCE_NUMBER\", \"StartingSequenceNumber\": \"12345\"}",
                Platform.SIGNATURE));
        assertThat(foreign.path("message").asText()).isEqualTo("StartingSequenceNumber 12345 used in GetShardIterator on shard "
                + "shardId-000000000000 in stream " + STREAM + " under account " + ACCOUNT + " is invalid.");
    }

    /** Firehose and Kinesis Analytics check their models' constraints before any lookup, and print values as given. */
    @Test
    void firehoseAndAnalyticsValidateBeforeLookingUp() throws Exception {
        JsonNode encryption = error(post("Firehose_20150804.StartDeliveryStreamEncryption", "{\"DeliveryStreamName\": \"no-such-hose\", "
                + "\"DeliveryStreamEncryptionConfigurationInput\": {\"KeyARN\": \"not-an-arn\"}}", Platform.SIGNATURE));
        assertThat(encryption.path("__type").asText()).isEqualTo("ValidationException");
        assertThat(encryption.path("message").asText()).isEqualTo("2 validation errors detected: "
                + "Value null at 'deliveryStreamEncryptionConfigurationInput.keyType' failed to satisfy constraint: Member must not be null; "
                + "Value 'not-an-arn' at 'deliveryStreamEncryptionConfigurationInput.keyARN' failed to satisfy constraint: Member must "
                + "satisfy regular expression pattern: arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+");
        String longId = "o".repeat(51);
        JsonNode output = error(post("KinesisAnalytics_20150814.DeleteApplicationOutput", "{\"ApplicationName\": \"no-such-app\", "
                + "\"CurrentApplicationVersionId\": 1000000000, \"OutputId\": \"" + longId + "\"}", Platform.SIGNATURE));
        assertThat(output.path("message").asText()).isEqualTo("2 validation errors detected: "
                + "Value '1000000000' at 'currentApplicationVersionId' failed to satisfy constraint: Member must have value less than or "
                + "equal to 999999999; Value '" + longId + "' at 'outputId' failed to satisfy constraint: Member must have length less "
                + "than or equal to 50");
    }

    private static HttpResponse<byte[]> post(String target, String body, Map<String, String> headers) throws Exception {
        return Platform.post(target, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static JsonNode error(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
        return JSON.readTree(response.body());
    }

    /** Past the gateway's and the services' default limit (16 MB). */
    private static final long OVER_THE_LIMIT = 17L * 1024 * 1024;

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsSent() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Platform.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + JSON_TYPE + "\r\nX-Amz-Target: Kinesis_20131202.PutRecords\r\n"
                    + signatureLines() + "Content-Length: " + OVER_THE_LIMIT + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // Not one byte of the body is sent: the answer comes from the declared length alone.
            String answer = answer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("RequestEntityTooLargeException").contains(String.valueOf(OVER_THE_LIMIT));
        }
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Platform.endpoint().getPort())) {
            socket.setSoTimeout(30_000);
            java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return answer(socket.getInputStream());
                } catch (java.io.IOException e) {
                    return "read failed: " + e;
                }
            });
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + JSON_TYPE + "\r\nX-Amz-Target: Kinesis_20131202.PutRecord\r\n"
                    + signatureLines() + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] data = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            chunk(out, ("{\"StreamName\":\"" + STREAM + "\",\"PartitionKey\":\"k\",\"Data\":\"").getBytes(StandardCharsets.US_ASCII));
            long sent = 0;
            try {
                while (!answer.isDone() && sent < 2 * OVER_THE_LIMIT) {
                    chunk(out, data);
                    sent += data.length;
                }
            } catch (java.io.IOException e) {
                // The server stopped reading once it had answered: the answer is read below.
            }
            assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).startsWith("HTTP/1.1 413").contains("RequestEntityTooLargeException");
            assertThat(sent).as("bytes sent before the answer").isLessThan(2 * OVER_THE_LIMIT);
        }
    }

    /** One HTTP/1.1 answer: its head and the body its Content-Length gives. */
    private static String answer(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.US_ASCII);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        return text + (length.find() ? new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8) : "");
    }

    private static void chunk(java.io.OutputStream out, byte[] data) throws java.io.IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String signatureLines() {
        StringBuilder lines = new StringBuilder();
        Platform.SIGNATURE.forEach((name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
        return lines.toString();
    }
}
