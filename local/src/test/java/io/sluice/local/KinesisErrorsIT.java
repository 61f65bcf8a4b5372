package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.testsupport.KinesisStreams;
import java.math.BigInteger;
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

/**
 * Bad input gets the AWS error a client expects: the exact {@code __type}, never a 500; and what the
 * Kinesis operations refuse, and how they word it, as AWS itself does: the resharding bounds, a
 * PutRecords with a bad hash key (nothing written), tag characters, retention bounds, ListShards'
 * argument rules, expired iterators, deleting a stream with consumers, the validation order of PutRecord.
 */
class KinesisErrorsIT {
    private static final String STREAM = "errors";
    private static final String ACCOUNT = "000000000000";
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String CBOR = "application/x-amz-cbor-1.1";
    private static KinesisClient kinesis;

    @BeforeAll
    static void createStream() {
        kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(3));
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

    @Test
    void splitShardTakesAKeyStrictlyInsideTheShardButOneAndMergeShardsItsPairInOrder() {
        BigInteger end = new BigInteger(kinesis.listShards(b -> b.streamName(STREAM)).shards().get(0).hashKeyRange().endingHashKey());
        for (String key : List.of("1", end.toString())) {
            KinesisException e = error(() -> kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shard-0").newStartingHashKey(key)));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("NewStartingHashKey " + key + " used in SplitShard() on shard "
                    + "shardId-000000000000 in stream " + STREAM + " under account " + ACCOUNT + " is not both greater than one plus the "
                    + "shard's StartingHashKey 0 and less than the shard's EndingHashKey " + end + ".");
        }
        KinesisException reversed = error(() -> kinesis.mergeShards(b -> b.streamName(STREAM).shardToMerge("x-1").adjacentShardToMerge("x-0")));
        assertThat(reversed.awsErrorDetails().errorMessage()).isEqualTo("Shards shardId-000000000001 and shardId-000000000000 in stream "
                + STREAM + " under account " + ACCOUNT + " are not an adjacent pair of shards eligible for merging");
        KinesisException missing = error(() -> kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-7").newStartingHashKey("5")));
        assertThat(missing.awsErrorDetails().errorMessage())
                .isEqualTo("Could not find shard shardId-000000000007 in stream " + STREAM + " under account " + ACCOUNT + ".");
    }

    @Test
    void updateShardCountMayNotGoBelowHalf() {
        KinesisException e = error(() -> kinesis.updateShardCount(b -> b.streamName(STREAM).targetShardCount(1).scalingType("UNIFORM_SCALING")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("UpdateShardCount cannot scale down below half your current open shard "
                + "count. Current open shard count: 3, Target shard count: 1");
    }

    @Test
    void aPutRecordsWithAHashKeyOutOfRangeWritesNothing() {
        String before = KinesisStreams.shardRecords(kinesis, STREAM, "shardId-000000000000").toString();
        KinesisException e = error(() -> kinesis.putRecords(b -> b.streamName(STREAM).records(
                PutRecordsRequestEntry.builder().partitionKey("a").explicitHashKey("0").data(SdkBytes.fromUtf8String("first")).build(),
                PutRecordsRequestEntry.builder().partitionKey("b").explicitHashKey("340282366920938463463374607431768211456")
                        .data(SdkBytes.fromUtf8String("second")).build())));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1].");
        assertThat(KinesisStreams.shardRecords(kinesis, STREAM, "shardId-000000000000").toString()).isEqualTo(before);
    }

    @Test
    void tagsHoldOnlyTheCharactersAwsTakes() {
        KinesisException e = error(() -> kinesis.addTagsToStream(b -> b.streamName(STREAM).tags(java.util.Map.of("abc;def", "1"))));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.");
        kinesis.addTagsToStream(b -> b.streamName(STREAM).tags(java.util.Map.of("team name/é", "a+b=c@d%")));
        assertThat(kinesis.listTagsForStream(b -> b.streamName(STREAM)).tags()).extracting(t -> t.key()).contains("team name/é");
        assertThat(error(() -> kinesis.addTagsToStream(b -> b.streamName("no-such-stream").tags(java.util.Map.of("a\tb", "1"))))
                .awsErrorDetails().errorCode()).as("the stream is looked up first").isEqualTo("ResourceNotFoundException");
        java.util.Map<String, String> fifty = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("key-" + i, "v");
        }
        assertThat(error(() -> kinesis.addTagsToStream(b -> b.streamName(STREAM).tags(fifty))).awsErrorDetails().errorMessage())
                .isEqualTo("Failed to add tags to stream " + STREAM + " under account " + ACCOUNT + " because a given stream cannot have "
                        + "more than 50 tags associated with it.");
    }

    @Test
    void retentionBoundsInAwsWords() {
        assertThat(error(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName(STREAM).retentionPeriodHours(8761)))
                .awsErrorDetails().errorMessage())
                .isEqualTo("Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.");
        assertThat(error(() -> kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(STREAM).retentionPeriodHours(23)))
                .awsErrorDetails().errorMessage())
                .isEqualTo("Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
        KinesisException negative = error(() -> kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(STREAM).retentionPeriodHours(-1)));
        assertThat(negative.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '-1' at 'retentionPeriodHours' "
                + "failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    @Test
    void listShardsNamesWhatItLacksOrCannotTakeTogether() {
        assertThat(error(() -> kinesis.listShards(b -> { })).awsErrorDetails().errorMessage())
                .isEqualTo("Either NextToken or StreamName should be provided.");
        String token = kinesis.listShards(b -> b.streamName(STREAM).maxResults(1)).nextToken();
        assertThat(error(() -> kinesis.listShards(b -> b.streamName(STREAM).nextToken(token))).awsErrorDetails().errorMessage())
                .isEqualTo("NextToken and StreamName cannot be provided together.");
    }

    @Test
    void anExpiredIteratorNamesItsTimesAsAwsPrintsThem() {
        String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-0")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        Platform.CLOCK.advance(Duration.ofMinutes(6));
        assertThat(error(() -> kinesis.getRecords(b -> b.shardIterator(iterator))).awsErrorDetails().errorMessage())
                .matches("Iterator expired\\. The iterator was created at time \\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4} while right now "
                        + "it is \\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4} which is further in the future than the tolerated delay "
                        + "of 300000 milliseconds\\.");
    }

    @Test
    void theShardOfAStreamThatDoesNotExistDoesNotExist() {
        assertThat(error(() -> kinesis.getShardIterator(b -> b.streamName("no-such-stream").shardId("x-2147483647")
                .shardIteratorType(ShardIteratorType.LATEST))).awsErrorDetails().errorMessage())
                .isEqualTo("Shard shardId-002147483647 in stream no-such-stream under account " + ACCOUNT + " does not exist");
    }

    @Test
    void aStreamWithConsumersIsDeletedOnlyWhenConsumerDeletionIsEnforced() {
        kinesis.createStream(b -> b.streamName("answers-consumed").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "answers-consumed");
        String arn = kinesis.describeStreamSummary(b -> b.streamName("answers-consumed")).streamDescriptionSummary().streamARN();
        kinesis.registerStreamConsumer(b -> b.streamARN(arn).consumerName("reader"));
        assertThat(error(() -> kinesis.deleteStream(b -> b.streamName("answers-consumed"))).awsErrorDetails().errorCode())
                .isEqualTo("ResourceInUseException");
        kinesis.deleteStream(b -> b.streamName("answers-consumed").enforceConsumerDeletion(true));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("answers-consumed")).streamDescriptionSummary().streamStatusAsString())
                .isIn("DELETING");
    }

    @Test
    void putRecordNamesItsViolationsInAwsOrder() {
        KinesisException e = error(() -> kinesis.putRecord(b -> b.streamName("").partitionKey("").explicitHashKey("")
                .sequenceNumberForOrdering("").data(SdkBytes.fromUtf8String(""))));
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("5 validation errors detected: "
                + "Value '' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "0|([1-9]\\d{0,128}); Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or "
                + "equal to 1; Value '' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "0|([1-9]\\d{0,38}); Value '' at 'streamName'");
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
        KinesisException e = error(call);
        assertThat(e.statusCode()).isEqualTo(400);
        return e.awsErrorDetails().errorCode();
    }

    private static KinesisException error(Runnable call) {
        KinesisException e = catchThrowableOfType(KinesisException.class, call::run);
        assertThat(e).as("an AWS error").isNotNull();
        return e;
    }
}
