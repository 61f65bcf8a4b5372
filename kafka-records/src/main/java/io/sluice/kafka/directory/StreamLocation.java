package io.sluice.kafka.directory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.common.kinesis.HashKey;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.kafka.RecordFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where a Sluice stream's records are and how to read and write them as Kinesis would: its Kafka
 * topic (whose name holds a creation id only the streams service knows), its shards with their
 * partitions, hash-key ranges and lineage, and the data keys of its sealed records. The streams
 * service answers it from its stream directory; other services never read its tables.
 *
 * @param streamName the stream's name
 * @param streamArn the stream's ARN
 * @param topic the Kafka topic
 * @param status CREATING, ACTIVE, UPDATING or DELETING
 * @param shards every shard, open and closed, in shard order
 * @param dataKeys the raw data keys records of this stream were ever sealed with, base64, by id
 *     (empty for a stream that was never encrypted)
 * @param sealingKeyId the data key new records are sealed with while the stream is encrypted, null
 *     while it is not (a writer of the stream seals with it, as PutRecord does)
 */
public record StreamLocation(
        String streamName,
        String streamArn,
        String topic,
        String status,
        List<ShardLocation> shards,
        Map<Long, String> dataKeys,
        Long sealingKeyId) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public StreamLocation {
        shards = List.copyOf(shards);
        dataKeys = Map.copyOf(dataKeys);
    }

    /**
     * A Firehose delivery stream as a stream of the same shape: its topic's partitions as shards
     * that split the hash-key space evenly (so that writers routing by MD5 spread records over them),
     * its one data key (id {@code 1}) while it has one.
     *
     * @param dataKey the raw data key, base64, null for a stream that never had encryption on
     * @param sealing whether records put now are sealed
     */
    public static StreamLocation ofTopic(String name, String arn, String topic, String status, int partitions, String dataKey,
            boolean sealing) {
        BigInteger space = BigInteger.ONE.shiftLeft(128);
        List<ShardLocation> shards = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            BigInteger start = space.multiply(BigInteger.valueOf(p)).divide(BigInteger.valueOf(partitions));
            BigInteger end = space.multiply(BigInteger.valueOf(p + 1L)).divide(BigInteger.valueOf(partitions)).subtract(BigInteger.ONE);
            shards.add(new ShardLocation("partition-" + p, p, start.toString(), end.toString(), null, null, true, null));
        }
        return new StreamLocation(name, arn, topic, status, shards, dataKey == null ? Map.of() : Map.of(1L, dataKey),
                sealing && dataKey != null ? 1L : null);
    }

    /** A stream that is not encrypted now. */
    public StreamLocation(String streamName, String streamArn, String topic, String status, List<ShardLocation> shards,
            Map<Long, String> dataKeys) {
        this(streamName, streamArn, topic, status, shards, dataKeys, null);
    }

    /**
     * A shard: Kafka partition {@code partition} of the topic.
     *
     * @param endingOffset for a closed shard whose writes have all landed, the offset its readers
     *     stop before; null otherwise
     */
    public record ShardLocation(
            String shardId,
            int partition,
            String startingHashKey,
            String endingHashKey,
            String parentShardId,
            String adjacentParentShardId,
            boolean open,
            Long endingOffset) {

        boolean holds(BigInteger hashKey) {
            return new BigInteger(startingHashKey).compareTo(hashKey) <= 0 && hashKey.compareTo(new BigInteger(endingHashKey)) <= 0;
        }

        /** The sequence number Kinesis gives the record at {@code offset} of this shard. */
        public String sequenceNumber(long offset) {
            return new SequenceNumber(partition, offset).encode();
        }
    }

    /** The open shard a record with {@code partitionKey} goes to: MD5 of the key, as Kinesis routes it. */
    public ShardLocation shardFor(String partitionKey) {
        BigInteger hashKey = HashKey.ofPartitionKey(partitionKey);
        return shards.stream().filter(s -> s.open() && s.holds(hashKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No open shard of " + streamName + " holds hash key " + hashKey));
    }

    /** The partitions of every shard, open and closed: what a reader of the whole stream reads. */
    public List<Integer> partitions() {
        return shards.stream().map(ShardLocation::partition).toList();
    }

    /**
     * The record format with a stream's data keys (base64, by id, as {@link #dataKeys} carries
     * them), to open its sealed records (and seal new ones); a reader that is serialized into a job
     * carries the keys and builds it where it runs.
     */
    public static RecordFormat recordFormat(Map<Long, String> dataKeys) {
        Map<Long, String> keys = Map.copyOf(dataKeys);
        return new RecordFormat(id -> {
            String key = keys.get(id);
            if (key == null) {
                throw new IllegalStateException("No data key " + id + " among the stream's keys " + keys.keySet());
            }
            return Base64.getDecoder().decode(key);
        });
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StreamLocation fromJson(byte[] json) {
        try {
            return JSON.readValue(json, StreamLocation.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a stream location: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }
}
