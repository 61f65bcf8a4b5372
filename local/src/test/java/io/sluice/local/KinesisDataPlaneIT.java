package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.kinesis.HashKey;
import io.sluice.testsupport.KinesisStreams;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The data plane through the gateway with the AWS SDK for Java v2, in CBOR (its default) and JSON:
 * every acknowledged record is read back exactly once, in sequence-number order per shard, from
 * the shard whose hash range holds its key; and every iterator type starts where AWS starts it.
 */
class KinesisDataPlaneIT {
    private static final int RECORDS = 2_000;

    /** What the writer was told about a record it wrote. */
    record Written(String partitionKey, String data, String shardId) {
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void everyAcknowledgedRecordIsReadBackOnceInShardOrder(boolean cbor) {
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        String stream = "e2e-" + (cbor ? "cbor" : "json");
        try (KinesisClient kinesis = Platform.kinesis(cbor, contentTypes)) {
            kinesis.createStream(b -> b.streamName(stream).shardCount(4));
            KinesisStreams.awaitActive(kinesis, stream);
            List<Shard> shards = kinesis.listShards(b -> b.streamName(stream)).shards();
            assertThat(shards).hasSize(4);

            Map<String, Written> acknowledged = write(kinesis, stream);
            assertThat(acknowledged).hasSize(RECORDS);

            Map<String, Integer> seen = new HashMap<>();
            for (Shard shard : shards) {
                List<Record> records = readAll(kinesis, stream, shard.shardId());
                BigInteger previous = BigInteger.valueOf(-1);
                for (Record record : records) {
                    BigInteger sequence = new BigInteger(record.sequenceNumber());
                    assertThat(sequence).as("order within %s", shard.shardId()).isGreaterThan(previous);
                    previous = sequence;
                    Written written = acknowledged.get(record.sequenceNumber());
                    assertThat(written).as("record %s was acknowledged", record.sequenceNumber()).isNotNull();
                    assertThat(record.partitionKey()).isEqualTo(written.partitionKey());
                    assertThat(record.data().asUtf8String()).isEqualTo(written.data());
                    assertThat(written.shardId()).isEqualTo(shard.shardId());
                    BigInteger hash = HashKey.ofPartitionKey(record.partitionKey());
                    assertThat(hash).isBetween(
                            new BigInteger(shard.hashKeyRange().startingHashKey()),
                            new BigInteger(shard.hashKeyRange().endingHashKey()));
                    assertThat(record.approximateArrivalTimestamp()).isNotNull();
                    seen.merge(record.sequenceNumber(), 1, Integer::sum);
                }
            }
            assertThat(seen).hasSize(RECORDS);
            assertThat(seen.values()).allMatch(count -> count == 1);

            iteratorTypesStartWhereAwsStartsThem(kinesis, stream, shards.get(0));
        }
        String expected = cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1";
        assertThat(contentTypes).isNotEmpty().allMatch(expected::equals);
    }

    private static Map<String, Written> write(KinesisClient kinesis, String stream) {
        Map<String, Written> acknowledged = new HashMap<>();
        Random random = new Random(7);
        int batches = 9;
        for (int b = 0; b < batches; b++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey(UUID.randomUUID().toString())
                        .data(SdkBytes.fromUtf8String("batch-" + b + "-" + i + "-" + random.nextInt()))
                        .build());
            }
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
            assertThat(response.failedRecordCount()).isZero();
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                acknowledged.put(result.sequenceNumber(), new Written(
                        entries.get(i).partitionKey(), entries.get(i).data().asUtf8String(), result.shardId()));
            }
        }
        for (int i = 0; i < RECORDS - batches * 200; i++) {
            String key = UUID.randomUUID().toString();
            String data = "single-" + i;
            PutRecordResponse response = kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(data)));
            acknowledged.put(response.sequenceNumber(), new Written(key, data, response.shardId()));
        }
        return acknowledged;
    }

    static List<Record> readAll(KinesisClient kinesis, String stream, String shardId) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (true) {
            String current = iterator;
            GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current).limit(300));
            records.addAll(response.records());
            iterator = response.nextShardIterator();
            if (response.records().isEmpty() && response.millisBehindLatest() == 0) {
                return records;
            }
        }
    }

    private static void iteratorTypesStartWhereAwsStartsThem(KinesisClient kinesis, String stream, Shard shard) {
        List<Record> records = readAll(kinesis, stream, shard.shardId());
        assertThat(records.size()).isGreaterThan(10);
        Record tenth = records.get(9);

        assertThat(first(kinesis, stream, shard, ShardIteratorType.TRIM_HORIZON, null, null)).isEqualTo(records.get(0));
        assertThat(first(kinesis, stream, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, tenth.sequenceNumber(), null)).isEqualTo(tenth);
        assertThat(first(kinesis, stream, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, tenth.sequenceNumber(), null))
                .isEqualTo(records.get(10));
        Instant at = tenth.approximateArrivalTimestamp();
        Record firstAtOrAfter = records.stream().filter(r -> !r.approximateArrivalTimestamp().isBefore(at)).findFirst().orElseThrow();
        assertThat(first(kinesis, stream, shard, ShardIteratorType.AT_TIMESTAMP, null, at)).isEqualTo(firstAtOrAfter);
        assertThat(first(kinesis, stream, shard, ShardIteratorType.AT_TIMESTAMP, null, Instant.now().plusSeconds(3600))).isNull();

        String latest = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        GetRecordsResponse empty = kinesis.getRecords(b -> b.shardIterator(latest));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.millisBehindLatest()).isZero();
        PutRecordResponse put = kinesis.putRecord(b -> b.streamName(stream).partitionKey("after-latest")
                .explicitHashKey(shard.hashKeyRange().startingHashKey()).data(SdkBytes.fromUtf8String("new")));
        assertThat(put.shardId()).isEqualTo(shard.shardId());
        GetRecordsResponse next = kinesis.getRecords(b -> b.shardIterator(empty.nextShardIterator()));
        assertThat(next.records()).extracting(Record::sequenceNumber).containsExactly(put.sequenceNumber());
    }

    private static Record first(KinesisClient kinesis, String stream, Shard shard, ShardIteratorType type, String sequence, Instant at) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                .shardIteratorType(type).startingSequenceNumber(sequence).timestamp(at)).shardIterator();
        List<Record> records = kinesis.getRecords(b -> b.shardIterator(iterator).limit(1)).records();
        return records.isEmpty() ? null : records.get(0);
    }
}
