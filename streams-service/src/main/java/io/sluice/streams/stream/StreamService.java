package io.sluice.streams.stream;

import io.sluice.streams.topic.StreamTopics;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.tag.TagRules;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.metadata.StreamStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Creating and deleting streams and changing their retention. CreateStream and DeleteStream
 * return at once and the stream moves through CREATING / DELETING in the background, as in Kinesis.
 */
@Service
public class StreamService {
    static final int MIN_RETENTION_HOURS = 24;
    static final int MAX_RETENTION_HOURS = 8760;

    private final StreamStore store;
    private final StreamCatalog catalog;
    private final StreamLocator locator;
    private final StreamLifecycle lifecycle;
    private final StreamTopics topics;
    private final StreamsProperties.Limits limits;
    private final Clock clock;

    StreamService(StreamStore store, StreamCatalog catalog, StreamLocator locator, StreamLifecycle lifecycle,
            StreamTopics topics, StreamsProperties properties, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.locator = locator;
        this.lifecycle = lifecycle;
        this.topics = topics;
        this.limits = properties.limits();
        this.clock = clock;
    }

    /**
     * Creates a stream in CREATING state; it turns ACTIVE once its topic exists. Without a shard
     * count and mode the stream is ON_DEMAND.
     *
     * @throws io.sluice.common.error.AwsException ValidationException, InvalidArgumentException,
     *     ResourceInUseException (the name is taken), LimitExceededException (account shard limit)
     */
    public void create(CreateStreamRequest request) {
        Violations.check()
                .notNull("streamName", request.streamName())
                .length("streamName", request.streamName(), 1, 128)
                .pattern("streamName", request.streamName(), StreamLocator.NAME)
                .range("shardCount", request.shardCount(), 1, Integer.MAX_VALUE)
                .oneOf("streamModeDetails.streamMode",
                        request.streamModeDetails() == null ? null : request.streamModeDetails().streamMode(),
                        List.of("PROVISIONED", "ON_DEMAND"))
                .size("tags", request.tags() == null ? null : request.tags().keySet(), 1, 200)
                .range("maxRecordSizeInKiB", request.maxRecordSizeInKiB(), 1024, 10240)
                .raise();
        StreamMode mode = modeOf(request);
        int shardCount = mode == StreamMode.ON_DEMAND ? limits.onDemandShards() : request.shardCount();
        StreamKey key = locator.scope(request.streamName());
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        TagRules.KINESIS.check(tags);

        Instant now = clock.instant();
        long id;
        try {
            id = store.inTransaction(() -> {
                if (store.find(key).isPresent()) {
                    throw inUse(key);
                }
                long open = store.countOpenShards(key.accountId(), key.region());
                if (open + shardCount > limits.shardLimit()) {
                    throw StreamCatalog.shardLimitExceeded(key, open, limits.shardLimit(), shardCount);
                }
                if (mode == StreamMode.ON_DEMAND) {
                    long onDemand = store.countByMode(key.accountId(), key.region(), StreamMode.ON_DEMAND);
                    if (onDemand >= limits.onDemandStreamLimit()) {
                        throw ErrorCode.LIMIT_EXCEEDED.exception(
                                "This request would exceed the on-demand stream limit for the account %s in %s. Limit: %d.",
                                key.accountId(), key.region(), limits.onDemandStreamLimit());
                    }
                }
                int maxRecordKiB = request.maxRecordSizeInKiB() == null
                        ? limits.maxRecordBytes() / 1024
                        : request.maxRecordSizeInKiB();
                List<HashKeyRange> ranges = HashKeyRange.evenSplit(shardCount);
                List<Shard> shards = new java.util.ArrayList<>();
                for (int i = 0; i < shardCount; i++) {
                    shards.add(Shard.opened(i, ranges.get(i), null, null, now));
                }
                return store.create(StoredStream.created(key, StreamTopics.topicName(key, now.toEpochMilli()), mode,
                        limits.defaultRetentionHours(), maxRecordKiB, now, shards, tags)).id();
            });
        } catch (StreamStore.NameTakenException e) {
            throw inUse(key);
        }
        catalog.invalidate(key, id);
        lifecycle.activate(id);
    }

    /**
     * Marks a stream DELETING; its topic and metadata are removed in the background. A stream with
     * registered consumers only with EnforceConsumerDeletion, as in AWS.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException (consumers)
     */
    public void delete(DeleteStreamRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn()).raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        boolean enforce = Boolean.TRUE.equals(request.enforceConsumerDeletion());
        long id = store.update(key, stream -> {
            if (!enforce && store.countConsumers(stream.id()) > 0) {
                throw ErrorCode.RESOURCE_IN_USE.exception("Stream %s under account %s has registered consumers: deregister them, or "
                        + "delete it with EnforceConsumerDeletion.", key.name(), key.accountId());
            }
            return stream.withStatus(StreamStatus.DELETING);
        }).orElseThrow(() -> StreamCatalog.notFound(key)).id();
        catalog.invalidate(key, id);
        lifecycle.remove(id);
    }

    /**
     * Switches an ACTIVE stream between PROVISIONED and ON_DEMAND capacity. The shards stay as they
     * are; an ON_DEMAND stream counts against the account's on-demand stream limit.
     *
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException,
     *     ResourceInUseException (not ACTIVE), LimitExceededException (on-demand stream limit)
     */
    public void updateMode(UpdateStreamModeRequest request) {
        String mode = request.streamModeDetails() == null ? null : request.streamModeDetails().streamMode();
        StreamLocator.checkNames(Violations.check(), null, request.streamArn())
                .notNull("streamARN", request.streamArn())
                .notNull("streamModeDetails.streamMode", mode)
                .oneOf("streamModeDetails.streamMode", mode, List.of("PROVISIONED", "ON_DEMAND"))
                .range("warmThroughputMiBps", request.warmThroughputMiBps(), 0, Integer.MAX_VALUE)
                .raise();
        StreamKey key = locator.locate(null, request.streamArn());
        StreamMode target = StreamMode.valueOf(mode);
        long id = store.update(key, stream -> {
            requireActive(stream, key);
            if (target == StreamMode.ON_DEMAND && stream.mode() != StreamMode.ON_DEMAND
                    && store.countByMode(key.accountId(), key.region(), StreamMode.ON_DEMAND) >= limits.onDemandStreamLimit()) {
                throw ErrorCode.LIMIT_EXCEEDED.exception(
                        "This request would exceed the on-demand stream limit for the account %s in %s. Limit: %d.",
                        key.accountId(), key.region(), limits.onDemandStreamLimit());
            }
            return stream.withMode(target);
        }).orElseThrow(() -> StreamCatalog.notFound(key)).id();
        catalog.invalidate(key, id);
    }

    private static void requireActive(StoredStream stream, StreamKey key) {
        if (stream.status() != StreamStatus.ACTIVE) {
            throw StreamCatalog.notActive(key, stream.status());
        }
    }

    /**
     * Changes the largest record an ACTIVE stream takes (1 to 10 MiB).
     *
     * @throws io.sluice.common.error.AwsException ValidationException (size outside 1024..10240 KiB),
     *     ResourceNotFoundException, ResourceInUseException (the stream is not ACTIVE)
     */
    public void updateMaxRecordSize(UpdateMaxRecordSizeRequest request) {
        StreamLocator.checkNames(Violations.check(), null, request.streamArn())
                .notNull("maxRecordSizeInKiB", request.maxRecordSizeInKiB())
                .range("maxRecordSizeInKiB", request.maxRecordSizeInKiB(), 1024, 10240)
                .raise();
        StreamKey key = locator.locate(null, request.streamArn());
        long id = store.update(key, stream -> {
            requireActive(stream, key);
            return stream.withMaxRecordSizeKiB(request.maxRecordSizeInKiB());
        }).orElseThrow(() -> StreamCatalog.notFound(key)).id();
        catalog.invalidate(key, id);
    }

    /**
     * Changes the retention of a stream and of its Kafka topic.
     *
     * @param increase true for IncreaseStreamRetentionPeriod, false for Decrease
     * @throws io.sluice.common.error.AwsException InvalidArgumentException when the new period is
     *     on the wrong side of the current one or outside 24..8760 hours; ResourceNotFoundException
     */
    public void changeRetention(RetentionPeriodRequest request, boolean increase) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("retentionPeriodHours", request.retentionPeriodHours())
                .range("retentionPeriodHours", request.retentionPeriodHours(), 1, Integer.MAX_VALUE)
                .raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        int hours = request.retentionPeriodHours();
        if (hours < MIN_RETENTION_HOURS) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Minimum allowed retention period is %d hours. Requested retention period (%d hours) "
                    + "is too short.", MIN_RETENTION_HOURS, hours);
        }
        if (hours > MAX_RETENTION_HOURS) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Maximum allowed retention period is %d hours. Requested retention period (%d hours) "
                    + "is too long.", MAX_RETENTION_HOURS, hours);
        }
        StoredStream changed = store.update(key, stream -> {
            if (stream.status() != StreamStatus.ACTIVE) {
                throw StreamCatalog.notActive(key, stream.status());
            }
            int current = stream.retentionHours();
            if (increase && hours < current) {
                throw ErrorCode.INVALID_ARGUMENT.exception(
                        "Requested retention period (%d hours) for stream %s can not be shorter than existing retention period (%d hours). Use DecreaseRetentionPeriod API.",
                        hours, key.name(), current);
            }
            if (!increase && hours > current) {
                throw ErrorCode.INVALID_ARGUMENT.exception(
                        "Requested retention period (%d hours) for stream %s can not be longer than existing retention period (%d hours). Use IncreaseRetentionPeriod API.",
                        hours, key.name(), current);
            }
            topics.setRetention(stream.topic(), hours);
            return stream.withRetentionHours(hours);
        }).orElseThrow(() -> StreamCatalog.notFound(key));
        catalog.invalidate(key, changed.id());
    }

    private static StreamMode modeOf(CreateStreamRequest request) {
        StreamModeDetails details = request.streamModeDetails();
        if (details == null) {
            return request.shardCount() == null ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED;
        }
        if (details.streamMode() == null) {
            Violations.check().notNull("streamModeDetails.streamMode", null).raise();
        }
        StreamMode mode = StreamMode.valueOf(details.streamMode());
        if (mode == StreamMode.PROVISIONED && request.shardCount() == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("ShardCount is required for a stream in PROVISIONED mode.");
        }
        if (mode == StreamMode.ON_DEMAND && request.shardCount() != null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("ShardCount must not be specified for a stream in ON_DEMAND mode.");
        }
        return mode;
    }

    private static RuntimeException inUse(StreamKey key) {
        return ErrorCode.RESOURCE_IN_USE.exception("Stream %s already exists.", key);
    }
}
