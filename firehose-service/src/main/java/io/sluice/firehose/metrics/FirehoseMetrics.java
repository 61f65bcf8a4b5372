package io.sluice.firehose.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.endpoint.metrics.CloudWatchMeters;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryStreamDeleted;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The delivery streams' metrics under CloudWatch's names (namespace AWS/Firehose, prefix
 * {@code firehose.}, dimension {@code DeliveryStreamName}): what puts took in, and what delivery
 * wrote to S3 and how fresh it was. {@code .Success} metrics are distributions of 1 and 0, as in
 * CloudWatch (their average is the success rate). Sluice does not throttle Firehose puts, so
 * {@code ThrottledRecords} stays 0.
 */
@Component
public class FirehoseMetrics {
    private final MeterRegistry registry;
    private final Map<String, Meters> streams = new ConcurrentHashMap<>();

    public FirehoseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A PutRecord or PutRecordBatch call that found its stream: the records Kafka took, their bytes. */
    public void put(DeliveryStream stream, boolean batch, int records, long bytes, long nanos) {
        Meters m = meters(stream);
        (batch ? m.putRecordBatchLatency : m.putRecordLatency).record(nanos, TimeUnit.NANOSECONDS);
        (batch ? m.putRecordBatchBytes : m.putRecordBytes).record(bytes);
        if (batch) {
            m.putRecordBatchRecords.record(records);
        }
        m.incomingPutRequests.increment();
        m.incomingRecords.increment(records);
        m.incomingBytes.increment(bytes);
    }

    /** An object written to S3, whose oldest record arrived at {@code oldestArrival}. */
    public void delivered(DeliveryStream stream, long bytes, int records, Instant oldestArrival, Instant now) {
        Meters m = meters(stream);
        m.deliverySuccess.record(1);
        m.deliveryBytes.increment(bytes);
        m.deliveryRecords.increment(records);
        m.freshnessSeconds.set(Math.max(0, Duration.between(oldestArrival, now).toSeconds()));
    }

    /** An object that could not be written to S3 (it is retried). */
    public void deliveryFailed(DeliveryStream stream) {
        meters(stream).deliverySuccess.record(0);
    }

    private Meters meters(DeliveryStream stream) {
        return streams.computeIfAbsent(key(stream.owner().accountId(), stream.owner().region(), stream.name()),
                k -> new Meters(new CloudWatchMeters(registry, "firehose.", "DeliveryStreamName", stream.name())));
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    @EventListener
    void forget(DeliveryStreamDeleted deleted) {
        Meters m = streams.remove(key(deleted.owner().accountId(), deleted.owner().region(), deleted.name()));
        if (m != null) {
            m.meters.removeAll();
        }
    }

    /** One delivery stream's meters. */
    private static final class Meters {
        final CloudWatchMeters meters;
        final Counter incomingBytes;
        final Counter incomingRecords;
        final Counter incomingPutRequests;
        final Timer putRecordLatency;
        final DistributionSummary putRecordBytes;
        final Timer putRecordBatchLatency;
        final DistributionSummary putRecordBatchBytes;
        final DistributionSummary putRecordBatchRecords;
        final DistributionSummary deliverySuccess;
        final Counter deliveryBytes;
        final Counter deliveryRecords;
        final AtomicLong freshnessSeconds = new AtomicLong();

        Meters(CloudWatchMeters f) {
            meters = f;
            incomingBytes = f.counter("IncomingBytes");
            incomingRecords = f.counter("IncomingRecords");
            incomingPutRequests = f.counter("IncomingPutRequests");
            putRecordLatency = f.timer("PutRecord.Latency");
            putRecordBytes = f.summary("PutRecord.Bytes");
            putRecordBatchLatency = f.timer("PutRecordBatch.Latency");
            putRecordBatchBytes = f.summary("PutRecordBatch.Bytes");
            putRecordBatchRecords = f.summary("PutRecordBatch.Records");
            f.counter("ThrottledRecords");
            deliverySuccess = f.summary("DeliveryToS3.Success");
            deliveryBytes = f.counter("DeliveryToS3.Bytes");
            deliveryRecords = f.counter("DeliveryToS3.Records");
            f.gauge("DeliveryToS3.DataFreshness", freshnessSeconds, AtomicLong::get);
        }
    }
}
