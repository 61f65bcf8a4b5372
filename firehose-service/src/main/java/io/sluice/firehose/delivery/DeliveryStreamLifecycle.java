package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.error.RetryPolicy;
import io.sluice.common.work.BackgroundSteps;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.firehose.destination.BucketProbe;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves delivery streams out of CREATING (ACTIVE once the destination's bucket is there and the
 * stream's topic serves, CREATING_FAILED when the bucket is not there) and out of DELETING (topic
 * and stream gone), in the background, after the
 * configured transition delay. A step that fails for a passing reason (S3 unreachable) is retried
 * as the shared retry policy says. At start-up it finishes what a previous run left half done.
 */
@Component
class DeliveryStreamLifecycle implements AutoCloseable {
    private final DeliveryStreamStore store;
    private final BucketProbe buckets;
    private final DeliveryTopics topics;
    private final DeliveryStreamCache cache;
    private final StreamDirectory directory;
    private final Clock clock;
    private final Duration delay;
    private final ApplicationEventPublisher events;
    private final BackgroundSteps steps = new BackgroundSteps("delivery-stream-lifecycle", RetryPolicy.background());

    DeliveryStreamLifecycle(DeliveryStreamStore store, BucketProbe buckets, DeliveryTopics topics,
            DeliveryStreamCache cache, StreamDirectory directory, Clock clock, FirehoseProperties properties,
            ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
        this.directory = directory;
        this.buckets = buckets;
        this.topics = topics;
        this.cache = cache;
        this.clock = clock;
        this.delay = properties.transitionDelay();
    }

    void activate(Caller owner, String name) {
        steps.schedule("activate delivery stream " + name + " of " + owner, delay, () -> {
            DeliveryStream stream = store.find(owner, name).orElse(null);
            if (stream == null || !stream.status().equals("CREATING")) {
                return;
            }
            String bucket = stream.destination().s3().bucket();
            String missing = buckets.exists(bucket) ? null : "The S3 bucket " + bucket + " does not exist.";
            KinesisSource source = stream.source();
            if (missing == null && source != null) {
                StreamArn arn = StreamArn.parse(source.streamArn()).orElseThrow();
                java.util.Optional<StreamLocation> location = directory.locate(new Caller(arn.accountId(), arn.region()), arn.streamName());
                if (location.isEmpty()) {
                    missing = "The Kinesis stream " + arn + " does not exist.";
                } else {
                    List<Integer> partitions = location.get().shards().stream().map(StreamLocation.ShardLocation::partition).toList();
                    source = source.withStartingOffsets(topics.endOffsets(location.get().topic(), partitions));
                }
            }
            KinesisSource started = source;
            if (missing == null && stream.type().equals("DirectPut")) {
                topics.create(stream);
            }
            String failure = missing;
            store.update(owner, name, s -> !s.status().equals("CREATING") ? s
                    : failure == null ? enabled(s.withStatus("ACTIVE", null, clock.instant()).withSource(started))
                    : s.withStatus("CREATING_FAILED", new FailureDescription("UNKNOWN_ERROR", failure), clock.instant()));
            cache.evict(owner, name);
        });
    }

    /** A stream created with encryption has it ENABLED when it turns ACTIVE. */
    private DeliveryStream enabled(DeliveryStream stream) {
        return stream.encryption() != null && stream.encryption().status().equals("ENABLING")
                ? stream.withEncryption(stream.encryption().withStatus("ENABLED"), clock.instant()) : stream;
    }

    void remove(Caller owner, String name) {
        steps.schedule("delete delivery stream " + name + " of " + owner, delay, () -> {
            store.find(owner, name).filter(s -> s.status().equals("DELETING")).ifPresent(s -> {
                if (s.type().equals("DirectPut")) {
                    topics.delete(s);
                }
                store.delete(owner, name);
                cache.evict(owner, name);
                events.publishEvent(new DeliveryStreamDeleted(owner, name));
            });
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (DeliveryStream stream : store.withStatus(List.of("CREATING", "DELETING"))) {
            if (stream.status().equals("CREATING")) {
                activate(stream.owner(), stream.name());
            } else {
                remove(stream.owner(), stream.name());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        steps.close();
    }
}
