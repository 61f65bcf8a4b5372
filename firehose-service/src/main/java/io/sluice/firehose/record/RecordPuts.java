package io.sluice.firehose.record;

import io.sluice.common.account.Caller;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.endpoint.CallerScope;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryStreamCache;
import io.sluice.firehose.delivery.DeliveryStreamService;
import io.sluice.firehose.delivery.DeliveryTopics;
import io.sluice.firehose.delivery.KafkaDeliveryTopics;
import io.sluice.firehose.encryption.RecordCipher;
import io.sluice.firehose.metrics.FirehoseMetrics;
import io.sluice.kafka.RecordAppender;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * PutRecord and PutRecordBatch: records are appended to the delivery stream's topic and
 * acknowledged only once Kafka has them on every in-sync replica (acks=all); delivery takes them
 * from there.
 */
@Service
public class RecordPuts {
    private static final Logger log = LoggerFactory.getLogger(RecordPuts.class);
    /** A record's data: 1,000 KiB. */
    static final int MAX_RECORD_BYTES = 1_024_000;
    /** A PutRecordBatch request's data: 4 MiB. */
    static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final RecordAppender appender;
    private final DeliveryStreamCache streams;
    private final CallerScope callers;
    private final RecordCipher cipher;
    private final FirehoseMetrics metrics;
    private final int partitions;
    private final java.util.concurrent.atomic.AtomicInteger nextPartition = new java.util.concurrent.atomic.AtomicInteger();

    RecordPuts(Producer<byte[], byte[]> producer, KafkaDeliveryTopics topics, DeliveryStreamCache streams, CallerScope callers,
            RecordCipher cipher, FirehoseMetrics metrics, io.sluice.firehose.config.FirehoseProperties properties) {
        this.appender = new RecordAppender(producer, topics);
        this.metrics = metrics;
        this.streams = streams;
        this.callers = callers;
        this.cipher = cipher;
        this.partitions = properties.kafka().partitions();
    }

    /**
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException (no
     *     such delivery stream, or one not ACTIVE), InvalidArgumentException (a KinesisStreamAsSource
     *     stream), ServiceUnavailableException (Kafka did not take the record)
     */
    public PutRecordResponse putRecord(PutRecordRequest request) {
        long started = System.nanoTime();
        byte[] data = request.record() == null ? null : request.record().data();
        checkName(Violations.check(), request.deliveryStreamName())
                .notNull("record", request.record())
                .notNull("record.data", request.record() == null ? new byte[0] : data)
                .bytes("record.data", data, MAX_RECORD_BYTES)
                .raise();
        DeliveryStream stream = activeDirectPut(request.deliveryStreamName());
        String topic = DeliveryTopics.topicOf(stream);
        try {
            String recordId = recordId(append(stream, topic, data).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            metrics.put(stream, false, 1, data.length, System.nanoTime() - started);
            return new PutRecordResponse(recordId, stream.encrypted());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("A PutRecord to {} failed", topic, e);
            throw ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION.exception("Slow down.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION.exception("Slow down.");
        }
    }

    /**
     * Appends every record and reports each one's outcome; a record Kafka did not take fails alone
     * with ServiceUnavailableException and counts in FailedPutCount.
     *
     * @throws io.sluice.common.error.AwsException ValidationException (no records, more than 500, a
     *     record over 1,000 KiB), InvalidArgumentException (over 4 MiB of data, a KinesisStreamAsSource
     *     stream), ResourceNotFoundException
     */
    public PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request) {
        long started = System.nanoTime();
        List<FirehoseRecord> records = request.records();
        Violations violations = checkName(Violations.check(), request.deliveryStreamName())
                .notNull("records", records)
                .size("records", records, 1, 500);
        long total = 0;
        if (records != null) {
            for (int i = 0; i < records.size(); i++) {
                String at = "records." + (i + 1) + ".member";
                FirehoseRecord record = records.get(i);
                violations.notNull(at, record);
                if (record != null) {
                    violations.notNull(at + ".data", record.data()).bytes(at + ".data", record.data(), MAX_RECORD_BYTES);
                    total += record.data() == null ? 0 : record.data().length;
                }
            }
        }
        violations.raise();
        if (total > MAX_BATCH_BYTES) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "Records size exceeds %d bytes limit: the request holds %d bytes of record data.", MAX_BATCH_BYTES, total);
        }
        DeliveryStream stream = activeDirectPut(request.deliveryStreamName());
        String topic = DeliveryTopics.topicOf(stream);
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (FirehoseRecord record : records) {
            acks.add(append(stream, topic, record.data()));
        }
        List<PutRecordBatchResponse.Entry> entries = new ArrayList<>(acks.size());
        int failed = 0;
        long taken = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_TIMEOUT_SECONDS);
        for (int i = 0; i < acks.size(); i++) {
            try {
                RecordMetadata metadata = acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                taken += records.get(i).data().length;
                entries.add(new PutRecordBatchResponse.Entry(recordId(metadata), null, null));
            } catch (ExecutionException | TimeoutException e) {
                log.warn("A PutRecordBatch record to {} failed", topic, e);
                failed++;
                entries.add(new PutRecordBatchResponse.Entry(null, ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION.wireName(), "Slow down."));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ErrorCode.SERVICE_UNAVAILABLE_EXCEPTION.exception("Slow down.");
            }
        }
        metrics.put(stream, true, records.size() - failed, taken, System.nanoTime() - started);
        return new PutRecordBatchResponse(failed, stream.encrypted(), entries);
    }

    private static Violations checkName(Violations violations, String name) {
        return DeliveryStreamService.checkName(violations, name);
    }

    /** An ACTIVE DirectPut delivery stream of the caller. */
    private DeliveryStream activeDirectPut(String name) {
        Caller caller = callers.current();
        DeliveryStream stream = streams.find(caller, name)
                .filter(s -> s.status().equals("ACTIVE"))
                .orElseThrow(() -> ErrorCode.RESOURCE_NOT_FOUND.exception(
                        "Firehose stream %s under account %s not found.", name, caller.accountId()));
        if (!stream.type().equals("DirectPut")) {
            throw ErrorCode.INVALID_ARGUMENT.exception("This operation is not permitted on %s delivery stream type.", stream.type());
        }
        return stream;
    }

    private CompletableFuture<RecordMetadata> append(DeliveryStream stream, String topic, byte[] data) {
        int partition = Math.floorMod(nextPartition.getAndIncrement(), partitions);
        return appender.append(cipher.record(stream, topic, partition, data));
    }

    /** An opaque id naming the record's place in its topic: partition and offset. */
    static String recordId(RecordMetadata metadata) {
        ByteBuffer id = ByteBuffer.allocate(12).putInt(metadata.partition()).putLong(metadata.offset());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.array());
    }
}
