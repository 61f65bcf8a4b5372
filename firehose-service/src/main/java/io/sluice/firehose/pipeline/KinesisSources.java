package io.sluice.firehose.pipeline;

import io.sluice.common.lambda.LambdaInvoker;
import io.sluice.common.work.DaemonThreads;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.firehose.delivery.DeliveryFailures;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryStreamCache;
import io.sluice.firehose.delivery.DeliveryStreamStore;
import io.sluice.firehose.delivery.DeliveryTopics;
import io.sluice.firehose.destination.ObjectSink;
import io.sluice.firehose.metrics.FirehoseMetrics;
import io.sluice.firehose.schema.SchemaCatalog;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs one reader per ACTIVE KinesisStreamAsSource delivery stream: a listener container on the
 * source stream's topic, in a consumer group of that delivery stream's own (so several instances
 * share its shards and a restarted one resumes where the committed offsets say), feeding the same
 * rounds, keys and commits as DirectPut delivery. Every {@code check-every} the delivery streams are
 * looked at again: readers start for new ones and stop for deleted ones.
 */
@Component
class KinesisSources implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(KinesisSources.class);

    private final FirehoseProperties properties;
    private final DeliveryStreamStore store;
    private final DeliveryStreamCache cache;
    private final DeliveryFailures failures;
    private final SchemaCatalog schemas;
    private final ObjectSink sink;
    private final FirehoseMetrics metrics;
    private final LambdaInvoker lambdas;
    private final StreamDirectory directory;
    private final Clock clock;
    private final Map<String, DeliveryContainer> readers = new HashMap<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;
    private Path buffers;

    KinesisSources(FirehoseProperties properties, DeliveryStreamStore store, DeliveryStreamCache cache, DeliveryFailures failures,
            SchemaCatalog schemas, ObjectSink sink, FirehoseMetrics metrics, LambdaInvoker lambdas, StreamDirectory directory, Clock clock) {
        this.metrics = metrics;
        this.properties = properties;
        this.store = store;
        this.cache = cache;
        this.failures = failures;
        this.schemas = schemas;
        this.sink = sink;
        this.lambdas = lambdas;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        buffers = DeliveryPipeline.bufferDirectory(properties, "sluice-firehose-source-");
        scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("kinesis-sources", false));
        long every = Math.max(200, properties.delivery().checkEvery().toMillis());
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts readers for ACTIVE KinesisStreamAsSource delivery streams without one, stops those of
     * streams gone. The store is read without holding the readers' lock, so that a stop never waits
     * for the database.
     */
    void reconcile() {
        List<DeliveryStream> active;
        try {
            active = store.withStatus(List.of("ACTIVE")).stream()
                    .filter(s -> s.type().equals("KinesisStreamAsSource") && s.source() != null && s.destination() != null).toList();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Could not look at the KinesisStreamAsSource delivery streams; trying again: {}", e.getMessage());
            }
            return;
        }
        synchronized (readers) {
            if (running) {
                update(active);
            }
        }
    }

    private void update(List<DeliveryStream> active) {
        try {
            Map<String, DeliveryStream> wanted = new HashMap<>();
            active.forEach(s -> wanted.put(DeliveryTopics.topicOf(s), s));
            readers.keySet().removeIf(key -> {
                if (!wanted.containsKey(key)) {
                    readers.get(key).close();
                    return true;
                }
                return false;
            });
            for (Map.Entry<String, DeliveryStream> entry : wanted.entrySet()) {
                if (!readers.containsKey(entry.getKey())) {
                    start(entry.getKey(), entry.getValue()).ifPresent(reader -> readers.put(entry.getKey(), reader));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look at the KinesisStreamAsSource delivery streams; trying again: {}", e.getMessage());
        }
    }

    private Optional<DeliveryContainer> start(String key, DeliveryStream stream) {
        KinesisStreamSource source = new KinesisStreamSource(stream, cache, directory,
                "TRIM_HORIZON".equals(properties.kinesisSource().startingPosition()));
        Optional<StreamLocation> location = source.location(true);
        if (location.isEmpty()) {
            log.warn("The source stream {} of delivery stream {} is gone; nothing is read", stream.source().streamArn(), stream.name());
            return Optional.empty();
        }
        PartitionDeliveries deliveries = new PartitionDeliveries(source, failures, schemas, sink, metrics, lambdas, clock, buffers,
                DeliveryPipeline.retryPolicy(properties));
        // The group is the delivery stream's own: its name is the delivery stream's topic name, unique across re-creations.
        String group = "sluice-firehose-source." + key.substring(DeliveryTopics.PREFIX.length());
        return Optional.of(new DeliveryContainer(properties.kafka().bootstrapServers(), Pattern.compile(Pattern.quote(location.get().topic())),
                group, 1, properties.delivery().checkEvery().toMillis(), deliveries, Map.of()));
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService stopping = scheduler;
        if (stopping != null) {
            stopping.shutdownNow();
            scheduler = null;
        }
        synchronized (readers) {
            readers.values().forEach(DeliveryContainer::close);
            readers.clear();
        }
        if (buffers != null) {
            DeliveryPipeline.deleteDirectory(buffers);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
