package io.sluice.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The physical limit of Sluice's design: a raw Kafka producer (acks=all, idempotent, as Sluice's
 * own) and consumer against the same broker, with the same record mix.
 */
final class KafkaDriver implements AutoCloseable {
    private final String bootstrap;
    private final Admin admin;

    KafkaDriver(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        // The controller answers before the broker serves the partitions: wait for their leaders and
        // for the broker to answer ListOffsets on each (it names a leader before it has the log), or
        // the first sends are refused (NOT_LEADER_OR_FOLLOWER) and the idempotent producer can then
        // retry a batch forever with OUT_OF_ORDER_SEQUENCE_NUMBER (seen in a run at 100 KiB).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!led(topic) || !served(topic, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Partitions of " + topic + " have no leader after 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** Whether every partition of the topic has a leader; false while the broker does not know the topic yet. */
    private boolean led(String topic) throws Exception {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the broker answers ListOffsets for every partition of the topic. */
    private boolean served(String topic, int partitions) throws Exception {
        java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        try {
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    void deleteTopic(String topic) throws Exception {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }

    /** Sends as fast as the producer takes records, at most {@code inFlight} unacknowledged. */
    List<Double> ingest(String topic, int recordBytes, int inFlight, Settings settings, Runnable measuring) throws InterruptedException {
        byte[] data = new byte[recordBytes];
        Random random = new Random(recordBytes);
        random.nextBytes(data);
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Semaphore permits = new Semaphore(inFlight);
        Thread sender = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = producer(1)) {
                while (running.get()) {
                    permits.acquireUninterruptibly();
                    byte[] key = Long.toHexString(random.nextLong()).getBytes();
                    producer.send(new ProducerRecord<>(topic, key, data), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.incrementAndGet();
                        }
                        permits.release();
                    });
                }
            }
        }, "kafka-sender");
        sender.start();
        try {
            return Sampler.rates(acknowledged::get, settings.warmUp(), settings.iterations(), settings.interval(), measuring);
        } finally {
            running.set(false);
            sender.join();
        }
    }

    /** Writes {@code count} records of {@code recordBytes}, round robin over the topic's partitions. */
    void fill(String topic, int partitions, int count, int recordBytes) throws Exception {
        byte[] data = new byte[recordBytes];
        new Random(count).nextBytes(data);
        try (KafkaProducer<byte[], byte[]> producer = producer(1)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, Integer.toString(i).getBytes(), data));
            }
            producer.flush();
        }
    }

    /**
     * Reads every partition from its beginning to its end, one consumer per partition in parallel
     * (as one GetRecords reader per shard), and checks that {@code count} records arrived; records
     * per second over all partitions.
     */
    double catchUp(String topic, int partitions, int count) throws Exception {
        List<java.util.function.LongSupplier> readers = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            readers.add(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                    consumer.assign(Set.of(tp));
                    consumer.seekToBeginning(Set.of(tp));
                    long end = consumer.endOffsets(Set.of(tp)).get(tp);
                    long n = 0;
                    while (consumer.position(tp) < end) {
                        n += consumer.poll(Duration.ofMillis(500)).count();
                    }
                    return n;
                }
            });
        }
        return CatchUp.run(topic, count, readers);
    }

    /** Catch-ups of a one-partition backlog of 1 KiB records, unmeasured, for {@code time}: the consumer's JIT warm-up. */
    void warmUpReading(int records, Duration time) throws Exception {
        if (time.isZero()) {
            return;
        }
        createTopic("raw-read-warm-up", 1);
        fill("raw-read-warm-up", 1, records, 1024);
        long until = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < until) {
            catchUp("raw-read-warm-up", 1, records);
        }
        deleteTopic("raw-read-warm-up");
    }

    List<Double> propagation(String topic, int samples, long everyMillis) throws Exception {
        List<Double> latencies = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(); KafkaProducer<byte[], byte[]> producer = producer(1)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(Set.of(tp));
            consumer.seekToEnd(Set.of(tp));
            consumer.position(tp);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < samples; i++) {
                    ByteBuffer data = ByteBuffer.allocate(100).putLong(System.nanoTime());
                    producer.send(new ProducerRecord<>(topic, 0, "latency".getBytes(), data.array()));
                    try {
                        Thread.sleep(everyMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "kafka-latency-writer");
            writer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (latencies.size() < samples && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    latencies.add((System.nanoTime() - ByteBuffer.wrap(record.value()).getLong()) / 1e6);
                }
            }
            writer.join();
        }
        return latencies;
    }

    /**
     * The anchor of a PutRecord call: one small record sent every {@code everyMillis} and waited
     * for until the broker acknowledged it (acks=all and no linger, as Sluice's appends); each wait
     * in milliseconds.
     */
    List<Double> acknowledgedSends(String topic, int samples, long everyMillis) throws Exception {
        List<Double> latencies = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(0)) {
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, 0, "latency".getBytes(), new byte[100])).get();
                latencies.add((System.nanoTime() - t0) / 1e6);
                Thread.sleep(everyMillis);
            }
        }
        return latencies;
    }

    private KafkaProducer<byte[], byte[]> producer(int lingerMillis) {
        return new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "acks", "all",
                "enable.idempotence", true,
                "linger.ms", lingerMillis,
                "batch.size", 256 * 1024,
                "max.request.size", 11 * 1024 * 1024,
                "buffer.memory", 128L * 1024 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "enable.auto.commit", false,
                "max.poll.records", 10_000,
                "max.partition.fetch.bytes", 11 * 1024 * 1024,
                "fetch.max.wait.ms", 100), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        admin.close();
    }
}
