package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.testsupport.KinesisStreams;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Bad input gets the AWS error a client expects: the exact {@code __type}, never a 500. */
class KinesisErrorsIT {
    private static final String STREAM = "errors";
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String CBOR = "application/x-amz-cbor-1.1";
    private static KinesisClient kinesis;

    @BeforeAll
    static void createStream() {
        kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        KinesisStreams.awaitActive(kinesis, STREAM);
    }

    @AfterAll
    static void close() {
        kinesis.close();
    }

    @AfterEach
    void resetClock() {
        Platform.CLOCK.reset();
    }

    @Test
    void unknownStream() {
        assertThat(errorOf(() -> kinesis.describeStream(b -> b.streamName("no-such-stream")))).isEqualTo("ResourceNotFoundException");
        assertThat(errorOf(() -> kinesis.putRecord(b -> b.streamName("no-such-stream").partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))))).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void badShardId() {
        for (String shard : List.of("shardId-000000000099", "not-a-shard")) {
            assertThat(errorOf(() -> kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))).as(shard).isEqualTo("ResourceNotFoundException");
        }
    }

    @Test
    void oversizeRecord() {
        SdkBytes oneMiBPlusOne = SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]);
        assertThat(errorOf(() -> kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("k").data(oneMiBPlusOne))))
                .isEqualTo("ValidationException");
        SdkBytes oneMiB = SdkBytes.fromByteArray(new byte[1024 * 1024]);
        assertThat(kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("k").data(oneMiB)).sequenceNumber()).isNotEmpty();
    }

    @Test
    void badPartitionKeys() {
        assertThat(errorOf(() -> kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("k".repeat(257))
                .data(SdkBytes.fromUtf8String("x"))))).isEqualTo("ValidationException");
        assertThat(errorOf(() -> kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("k")
                .explicitHashKey("340282366920938463463374607431768211456").data(SdkBytes.fromUtf8String("x")))))
                .isEqualTo("InvalidArgumentException");
    }

    @Test
    void oversizeBatches() {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String("x")).build());
        }
        assertThat(errorOf(() -> kinesis.putRecords(b -> b.streamName(STREAM).records(entries)))).isEqualTo("ValidationException");

        List<PutRecordsRequestEntry> sixMiB = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sixMiB.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(new byte[1024 * 1024])).build());
        }
        assertThat(errorOf(() -> kinesis.putRecords(b -> b.streamName(STREAM).records(sixMiB)))).isEqualTo("InvalidArgumentException");
    }

    @Test
    void getRecordsLimit() {
        String iterator = trimHorizon();
        assertThat(errorOf(() -> kinesis.getRecords(b -> b.shardIterator(iterator).limit(10_001)))).isEqualTo("ValidationException");
    }

    @Test
    void expiredIterator() {
        String iterator = trimHorizon();
        Platform.CLOCK.advance(Duration.ofMinutes(4));
        assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).nextShardIterator()).isNotEmpty();
        Platform.CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(errorOf(() -> kinesis.getRecords(b -> b.shardIterator(iterator)))).isEqualTo("ExpiredIteratorException");
    }

    @Test
    void tamperedIterator() {
        String iterator = trimHorizon();
        char last = iterator.charAt(iterator.length() - 1);
        String forged = iterator.substring(0, iterator.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(errorOf(() -> kinesis.getRecords(b -> b.shardIterator(forged)))).isEqualTo("InvalidArgumentException");
    }

    @Test
    void sequenceNumberFromAnotherShardOrNowhere() {
        assertThat(errorOf(() -> kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber("12345"))))
                .isEqualTo("InvalidArgumentException");
        assertThat(errorOf(() -> kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER))))
                .isEqualTo("InvalidArgumentException");
        assertThat(errorOf(() -> kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP))))
                .isEqualTo("InvalidArgumentException");
    }

    @Test
    void malformedJsonAndCbor() throws Exception {
        HttpResponse<byte[]> json = Platform.post("Kinesis_20131202.ListStreams", JSON,
                "{\"Limit\":".getBytes(StandardCharsets.UTF_8), auth());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(type(new ObjectMapper(), json)).isEqualTo("SerializationException");

        HttpResponse<byte[]> wrongType = Platform.post("Kinesis_20131202.CreateStream", JSON,
                "{\"StreamName\":\"x\",\"ShardCount\":\"two\"}".getBytes(StandardCharsets.UTF_8), auth());
        assertThat(type(new ObjectMapper(), wrongType)).isEqualTo("SerializationException");

        HttpResponse<byte[]> cbor = Platform.post("Kinesis_20131202.ListStreams", CBOR, new byte[] {(byte) 0xBF, 0x65, 0x4C}, auth());
        assertThat(cbor.statusCode()).isEqualTo(400);
        assertThat(cbor.headers().firstValue("Content-Type")).hasValue(CBOR);
        assertThat(type(new CBORMapper(), cbor)).isEqualTo("SerializationException");
    }

    @Test
    void unknownOperationAndMissingCredentials() throws Exception {
        HttpResponse<byte[]> unknown = Platform.post("Kinesis_20131202.DoSomethingElse", JSON, "{}".getBytes(), auth());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(type(new ObjectMapper(), unknown)).isEqualTo("UnknownOperationException");

        HttpResponse<byte[]> otherService = Platform.post("DynamoDB_20120810.ListTables", JSON, "{}".getBytes(), auth());
        assertThat(type(new ObjectMapper(), otherService)).isEqualTo("UnknownOperationException");

        HttpResponse<byte[]> anonymous = Platform.post("Kinesis_20131202.ListStreams", JSON, "{}".getBytes(), Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(400);
        assertThat(type(new ObjectMapper(), anonymous)).isEqualTo("MissingAuthenticationTokenException");
    }

    private static String trimHorizon() {
        return kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    private static Map<String, String> auth() {
        return Platform.SIGNATURE;
    }

    private static String type(ObjectMapper mapper, HttpResponse<byte[]> response) throws Exception {
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.path("message").isTextual()).isTrue();
        return body.path("__type").asText();
    }

    /** The AWS error code of the call, which the SDK takes from {@code __type}; fails if none was thrown. */
    static String errorOf(Runnable call) {
        KinesisException e = catchThrowableOfType(KinesisException.class, call::run);
        assertThat(e).as("an AWS error").isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        return e.awsErrorDetails().errorCode();
    }
}
