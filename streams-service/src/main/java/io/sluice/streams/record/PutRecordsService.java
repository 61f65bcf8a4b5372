package io.sluice.streams.record;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.kinesis.HashKey;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.encryption.RecordCipher;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.monitoring.StreamMetrics;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamLocator;
import io.sluice.streams.throughput.ShardThroughput;
import io.sluice.streams.throughput.WriteRates;
import io.sluice.streams.topic.StreamWriteGate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * PutRecord and PutRecords: route each record by hash key to the open shard owning it and append
 * it to that shard's partition. A record is reported written only once Kafka has acknowledged it
 * with acks=all; a record Kafka did not take is reported failed, never lost silently.
 */
@Service
public class PutRecordsService {
    private static final Logger log = LoggerFactory.getLogger(PutRecordsService.class);
    private static final long ACK_TIMEOUT_SECONDS = 35;
    /** The largest record UpdateMaxRecordSize allows (10 MiB); each stream has its own bound. */
    private static final int LARGEST_RECORD_BYTES = 10 * 1024 * 1024;

    private final StreamCatalog catalog;
    private final StreamLocator locator;
    private final RecordWriter writer;
    private final ShardThroughput throughput;
    private final StreamWriteGate gate;
    private final RecordCipher cipher;
    private final WriteRates rates;
    private final StreamMetrics metrics;
    private final StreamsProperties.Limits limits;
    /** Checked before the stream is looked up: no stream takes more (unless configured above 10 MiB). */
    private final int maxRecordBytes;

    PutRecordsService(StreamCatalog catalog, StreamLocator locator, RecordWriter writer, ShardThroughput throughput,
            StreamWriteGate gate, RecordCipher cipher, WriteRates rates, StreamMetrics metrics, StreamsProperties properties) {
        this.rates = rates;
        this.metrics = metrics;
        this.gate = gate;
        this.cipher = cipher;
        this.catalog = catalog;
        this.locator = locator;
        this.writer = writer;
        this.throughput = throughput;
        this.limits = properties.limits();
        this.maxRecordBytes = Math.max(LARGEST_RECORD_BYTES, limits.maxRecordBytes());
    }

    /**
     * @throws io.sluice.common.error.AwsException ValidationException (record too large, bad key),
     *     InvalidArgumentException (hash key out of range), ResourceNotFoundException,
     *     ProvisionedThroughputExceededException (the shard's write rate), InternalFailure when
     *     Kafka did not acknowledge the record
     */
    public PutRecordResponse putRecord(PutRecordRequest request) {
        long started = System.nanoTime();
        // In AWS's order: sequence number for ordering, partition key, explicit hash key, data, stream name.
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .pattern("sequenceNumberForOrdering", request.sequenceNumberForOrdering(), SequenceNumber.WIRE_PATTERN)
                .notNull("partitionKey", request.partitionKey())
                .length("partitionKey", request.partitionKey(), 1, 256)
                .pattern("explicitHashKey", request.explicitHashKey(), HashKey.WIRE_PATTERN)
                .notNull("data", request.data())
                .bytes("data", request.data(), maxRecordBytes)
                .raise();
        StreamKey streamKey = locator.locate(request.streamName(), request.streamArn());
        Stream located = catalog.requireActive(streamKey);
        Violations.check().bytes("data", request.data(), located.maxRecordBytes()).raise();
        PutRecordsRequestEntry entry = new PutRecordsRequestEntry(request.data(), request.explicitHashKey(), request.partitionKey());
        Routed routed = gate.write(located.id(), () -> route(catalog.requireActive(streamKey), List.of(entry)));
        Stream stream = routed.stream();
        Shard shard = routed.shards().get(0);
        int bytes = routed.sizes()[0];
        if (routed.acks().get(0) == null) {
            metrics.putRecord(stream, shard, bytes, false, true, System.nanoTime() - started);
            throw ErrorCode.PROVISIONED_THROUGHPUT_EXCEEDED.exception("%s", ShardThroughput.rateExceeded(stream, shard));
        }
        CompletableFuture<RecordMetadata> ack = routed.acks().get(0);
        try {
            RecordMetadata metadata = ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            metrics.putRecord(stream, shard, bytes, true, false, System.nanoTime() - started);
            return new PutRecordResponse(shard.id().toString(), sequenceNumber(metadata), stream.encryptionType());
        } catch (ExecutionException | TimeoutException e) {
            metrics.putRecord(stream, shard, bytes, false, false, System.nanoTime() - started);
            log.warn("PutRecord to {} failed", stream.key(), e);
            throw ErrorCode.INTERNAL_FAILURE.exception("Internal service failure.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCode.INTERNAL_FAILURE.exception("Internal service failure.");
        }
    }

    /**
     * Appends all records, in request order per shard, and reports each one's outcome: records over
     * their shard's write rate fail with ProvisionedThroughputExceededException and are not written.
     *
     * @throws io.sluice.common.error.AwsException ValidationException (no records, more than 500,
     *     a record too large), InvalidArgumentException (request over 5 MiB), ResourceNotFoundException
     */
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        long started = System.nanoTime();
        List<PutRecordsRequestEntry> entries = request.records();
        Violations violations = StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("records", entries)
                .size("records", entries, 1, 500);
        long total = 0;
        if (entries != null) {
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsRequestEntry e = entries.get(i);
                String at = "records." + (i + 1) + ".member.";
                if (e == null) {
                    violations.notNull("records." + (i + 1) + ".member", null);
                    continue;
                }
                // In AWS's order: partition key, explicit hash key, data.
                violations.notNull(at + "partitionKey", e.partitionKey())
                        .length(at + "partitionKey", e.partitionKey(), 1, 256)
                        .pattern(at + "explicitHashKey", e.explicitHashKey(), HashKey.WIRE_PATTERN)
                        .notNull(at + "data", e.data())
                        .bytes(at + "data", e.data(), maxRecordBytes);
                total += (e.data() == null ? 0 : e.data().length)
                        + (e.partitionKey() == null ? 0 : e.partitionKey().getBytes(StandardCharsets.UTF_8).length);
            }
        }
        violations.raise();
        if (total > limits.putRecordsMaxBytes()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "Records size exceeds %d bytes limit: the request holds %d bytes of data and partition keys.",
                    limits.putRecordsMaxBytes(), total);
        }
        StreamKey streamKey = locator.locate(request.streamName(), request.streamArn());
        Stream located = catalog.requireActive(streamKey);
        Violations sizes = Violations.check();
        for (int i = 0; i < entries.size(); i++) {
            sizes.bytes("records." + (i + 1) + ".member.data", entries.get(i).data(), located.maxRecordBytes());
        }
        sizes.raise();
        Routed routed = gate.write(located.id(), () -> route(catalog.requireActive(streamKey), entries));
        Stream stream = routed.stream();
        List<Shard> shards = routed.shards();
        List<CompletableFuture<RecordMetadata>> acks = routed.acks();
        List<PutRecordsResultEntry> results = new ArrayList<>(entries.size());
        int failed = 0;
        int throttled = 0;
        long writtenBytes = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_TIMEOUT_SECONDS);
        for (int i = 0; i < acks.size(); i++) {
            if (acks.get(i) == null) {
                failed++;
                throttled++;
                metrics.putRecordsEntry(stream, shards.get(i), routed.sizes()[i], false);
                results.add(new PutRecordsResultEntry(null, null, ErrorCode.PROVISIONED_THROUGHPUT_EXCEEDED.wireName(),
                        ShardThroughput.rateExceeded(stream, shards.get(i))));
                continue;
            }
            try {
                RecordMetadata metadata = acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                metrics.putRecordsEntry(stream, shards.get(i), routed.sizes()[i], true);
                writtenBytes += routed.sizes()[i];
                results.add(new PutRecordsResultEntry(sequenceNumber(metadata), shards.get(i).id().toString(), null, null));
            } catch (ExecutionException | TimeoutException e) {
                log.warn("A PutRecords record to {} failed", stream.key(), e);
                failed++;
                results.add(new PutRecordsResultEntry(null, null, ErrorCode.INTERNAL_FAILURE.wireName(), "Internal service failure."));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ErrorCode.INTERNAL_FAILURE.exception("Internal service failure.");
            }
        }
        metrics.putRecords(stream, total, entries.size(), failed, throttled, writtenBytes, System.nanoTime() - started);
        return new PutRecordsResponse(failed, results, stream.encryptionType());
    }

    /** Records routed by one shard map and handed to the producer, with their sizes; a null ack is a throttled record. */
    private record Routed(Stream stream, List<Shard> shards, List<CompletableFuture<RecordMetadata>> acks, int[] sizes) {
    }

    private Routed route(Stream stream, List<PutRecordsRequestEntry> entries) {
        List<Shard> shards = new ArrayList<>(entries.size());
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(entries.size());
        int[] sizes = new int[entries.size()];
        // Every hash key first: an invalid one refuses the whole request before any record is written.
        java.math.BigInteger[] hashKeys = new java.math.BigInteger[entries.size()];
        for (int i = 0; i < hashKeys.length; i++) {
            hashKeys[i] = HashKey.route(entries.get(i).partitionKey(), entries.get(i).explicitHashKey());
        }
        for (PutRecordsRequestEntry entry : entries) {
            Shard shard = stream.shardFor(hashKeys[shards.size()]);
            byte[] key = entry.partitionKey().getBytes(StandardCharsets.UTF_8);
            sizes[shards.size()] = key.length + entry.data().length;
            shards.add(shard);
            rates.offered(stream, shard, key.length + entry.data().length);
            acks.add(throughput.admitWrite(stream, shard, key.length + entry.data().length)
                    ? writer.append(cipher.record(stream, shard.partition(), key, entry.data()))
                    : null);
        }
        return new Routed(stream, shards, acks, sizes);
    }

    private static String sequenceNumber(RecordMetadata metadata) {
        return new SequenceNumber(metadata.partition(), metadata.offset()).encode();
    }
}
