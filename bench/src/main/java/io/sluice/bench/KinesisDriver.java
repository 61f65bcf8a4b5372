package io.sluice.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Drives one Kinesis endpoint (Sluice or an emulator) with the AWS SDK for Java v2 async client in
 * its default CBOR mode, over HTTP/1.1 so that every target is spoken to the same way (HTTP/2 for
 * Sluice's own HTTP/2 row).
 */
final class KinesisDriver implements AutoCloseable {
    private final KinesisAsyncClient kinesis;
    private final URI endpoint;

    KinesisDriver(URI endpoint) {
        this(endpoint, "bench", "bench");
    }

    /** A driver signing with the given key (one the target knows is verified, SigV4 over every body). */
    KinesisDriver(URI endpoint, String accessKeyId, String secretAccessKey) {
        this(endpoint, accessKeyId, secretAccessKey, Protocol.HTTP1_1);
    }

    /**
     * A driver speaking {@code protocol}: HTTP/2 over cleartext is h2c with prior knowledge, as the
     * SDK's async client and the JavaScript SDK v3 send it (every request a stream of one connection).
     */
    KinesisDriver(URI endpoint, String accessKeyId, String secretAccessKey, Protocol protocol) {
        this.endpoint = endpoint;
        this.kinesis = KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(protocol).maxConcurrency(64)
                        .readTimeout(Duration.ofSeconds(120)).writeTimeout(Duration.ofSeconds(120)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(120)))
                .build();
    }

    void createStream(String stream, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(stream).shardCount(shards)).join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (kinesis.describeStream(b -> b.streamName(stream)).join().streamDescription().streamStatus() != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Stream " + stream + " did not become ACTIVE");
            }
            Thread.sleep(20);
        }
    }

    /** Deletes a stream, so that its data leaves the disk before the next run. */
    void deleteStream(String stream) {
        kinesis.deleteStream(b -> b.streamName(stream)).join();
    }

    /**
     * Keeps {@code concurrency} PutRecords requests in flight and samples the acknowledged records
     * per second.
     */
    List<Double> ingest(String stream, int recordBytes, int concurrency, Settings settings, Runnable measuring)
            throws InterruptedException {
        PutRecordsRequest request = batch(stream, recordBytes, Settings.batchSize(recordBytes), new Random(recordBytes));
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            putLoop(request, acknowledged, failed, running, stopped);
        }
        try {
            return Sampler.rates(acknowledged::get, settings.warmUp(), settings.iterations(), settings.interval(), measuring);
        } finally {
            running.set(false);
            stopped.await(150, TimeUnit.SECONDS);
            if (failed.get() > 0) {
                System.out.printf("  (%d records or requests failed)%n", failed.get());
            }
        }
    }

    private void putLoop(PutRecordsRequest request, AtomicLong acknowledged, AtomicLong failed, AtomicBoolean running,
            CountDownLatch stopped) {
        if (!running.get()) {
            stopped.countDown();
            return;
        }
        kinesis.putRecords(request).whenComplete((response, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            } else {
                acknowledged.addAndGet(response.records().size() - response.failedRecordCount());
                failed.addAndGet(response.failedRecordCount());
            }
            putLoop(request, acknowledged, failed, running, stopped);
        });
    }

    /** Writes {@code count} records of {@code recordBytes} to a stream, 500 at a time. */
    void fill(String stream, int count, int recordBytes) {
        Random random = new Random(count);
        int written = 0;
        while (written < count) {
            int n = Math.min(Settings.batchSize(recordBytes), count - written);
            var response = kinesis.putRecords(batch(stream, recordBytes, n, random)).join();
            written += n - response.failedRecordCount();
        }
    }

    /**
     * Reads every shard of a stream from TRIM_HORIZON to its tip, one reader per shard in parallel,
     * and checks that {@code count} records arrived; records per second over all shards.
     */
    double catchUp(String stream, int count, int limit) throws InterruptedException {
        List<String> shards = kinesis.listShards(b -> b.streamName(stream)).join().shards().stream()
                .map(software.amazon.awssdk.services.kinesis.model.Shard::shardId).toList();
        return CatchUp.run(stream, count, shards.stream()
                .map(shard -> (java.util.function.LongSupplier) () -> readToTip(stream, shard, limit)).toList());
    }

    /** Catch-ups of a one-shard backlog, unmeasured, for {@code time}: the JIT warm-up of a run without ingest. */
    void warmUpReading(int records, Duration time) throws InterruptedException {
        if (time.isZero()) {
            return;
        }
        createStream("read-warm-up", 1);
        fill("read-warm-up", records, 1024);
        long until = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < until) {
            catchUp("read-warm-up", records, 10_000);
        }
        deleteStream("read-warm-up");
    }

    /** Reads a shard from TRIM_HORIZON until a response with no records (the backlog is written before); the records read. */
    private long readToTip(String stream, String shard, int limit) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator();
        long read = 0;
        while (true) {
            String current = iterator;
            GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current).limit(limit)).join();
            if (response.records().isEmpty()) {
                return read;
            }
            read += response.records().size();
            iterator = response.nextShardIterator();
        }
    }

    /**
     * Puts one small record every {@code everyMillis} while a poller at the tail of the shard reads
     * them; returns each record's put-to-get latency in milliseconds.
     */
    List<Double> propagation(String stream, int samples, long everyMillis) throws InterruptedException {
        String start = kinesis.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)).join().shardIterator();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Thread poller = new Thread(() -> {
            String iterator = start;
            while (latencies.size() < samples && !Thread.currentThread().isInterrupted()) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current)).join();
                long now = System.nanoTime();
                for (Record record : response.records()) {
                    latencies.add((now - record.data().asByteBuffer().getLong()) / 1e6);
                }
                iterator = response.nextShardIterator();
                if (response.records().isEmpty()) {
                    sleep(2);
                }
            }
        }, "tail-poller");
        poller.start();
        for (int i = 0; i < samples && poller.isAlive(); i++) {
            ByteBuffer data = ByteBuffer.allocate(100).putLong(System.nanoTime());
            data.flip();
            kinesis.putRecord(b -> b.streamName(stream).partitionKey("latency").data(SdkBytes.fromByteBuffer(data))).join();
            Thread.sleep(everyMillis);
        }
        poller.join(TimeUnit.SECONDS.toMillis(60));
        poller.interrupt();
        return new ArrayList<>(latencies);
    }

    /**
     * Puts one small record every {@code everyMillis} while an enhanced fan-out consumer subscribed
     * at LATEST (SubscribeToShard over HTTP/2) receives them; returns each record's put-to-event
     * latency in milliseconds beside each PutRecord call's own.
     */
    FanOut fanOut(String stream, int samples, long everyMillis) throws Exception {
        String streamArn = kinesis.describeStreamSummary(b -> b.streamName(stream)).join().streamDescriptionSummary().streamARN();
        String consumerArn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("bench")).join()
                .consumer().consumerARN();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (kinesis.describeStreamConsumer(b -> b.consumerARN(consumerArn)).join().consumerDescription().consumerStatus()
                != ConsumerStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Consumer did not become ACTIVE");
            }
            Thread.sleep(20);
        }
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Double> appendToEvent = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch subscribed = new CountDownLatch(1);
        try (KinesisAsyncClient http2 = KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                .build()) {
            var done = http2.subscribeToShard(b -> b.consumerARN(consumerArn).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                    SubscribeToShardResponseHandler.builder().subscriber(e -> {
                        long now = System.nanoTime();
                        long wall = System.currentTimeMillis();
                        if (e instanceof SubscribeToShardEvent event) {
                            for (Record record : event.records()) {
                                latencies.add((now - record.data().asByteBuffer().getLong()) / 1e6);
                                appendToEvent.add((double) (wall - record.approximateArrivalTimestamp().toEpochMilli()));
                            }
                            subscribed.countDown();
                        }
                    }).build());
            if (!subscribed.await(30, TimeUnit.SECONDS)) {
                done.getNow(null); // throws what ended the subscription, if anything did
                throw new IllegalStateException("No SubscribeToShard event within 30 s");
            }
            List<Double> putLatency = putCalls(stream, samples, everyMillis, done::isDone);
            System.out.printf("  PutRecord p50 %.1f p99 %.1f ms; broker append -> event (ms clock) p50 %.1f p99 %.1f ms%n",
                    Stats.percentile(putLatency, 50), Stats.percentile(putLatency, 99),
                    Stats.percentile(appendToEvent, 50), Stats.percentile(appendToEvent, 99));
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (latencies.size() < samples && System.nanoTime() < waitUntil && !done.isDone()) {
                Thread.sleep(10);
            }
            done.cancel(true);
            return new FanOut(new ArrayList<>(latencies), putLatency);
        }
    }

    /** Put-to-event latencies of a fan-out run and the latencies of its PutRecord calls, in milliseconds. */
    record FanOut(List<Double> events, List<Double> putCalls) {
    }

    /**
     * Calls PutRecord with one small record (its first 8 bytes the call's start, in nanoseconds)
     * every {@code everyMillis}, {@code samples} times or until {@code stop}; returns each call's
     * latency in milliseconds.
     */
    List<Double> putCalls(String stream, int samples, long everyMillis, BooleanSupplier stop) throws InterruptedException {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < samples && !stop.getAsBoolean(); i++) {
            long t0 = System.nanoTime();
            ByteBuffer data = ByteBuffer.allocate(100).putLong(t0);
            data.flip();
            kinesis.putRecord(b -> b.streamName(stream).partitionKey("latency").data(SdkBytes.fromByteBuffer(data))).join();
            latencies.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(everyMillis);
        }
        return latencies;
    }

    private static PutRecordsRequest batch(String stream, int recordBytes, int size, Random random) {
        byte[] data = new byte[recordBytes];
        random.nextBytes(data);
        List<PutRecordsRequestEntry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(Long.toHexString(random.nextLong()))
                    .data(SdkBytes.fromByteArrayUnsafe(data))
                    .build());
        }
        return PutRecordsRequest.builder().streamName(stream).records(entries).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
