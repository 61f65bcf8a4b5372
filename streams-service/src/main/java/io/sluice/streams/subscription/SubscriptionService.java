package io.sluice.streams.subscription;

import io.sluice.common.error.Violations;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.consumer.ConsumerService;
import io.sluice.streams.encryption.RecordCipher;
import io.sluice.streams.iterator.IteratorService;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamConsumer;
import io.sluice.streams.monitoring.StreamMetrics;
import io.sluice.streams.shard.ShardReader;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamLocator;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * SubscribeToShard: checks the call and opens a subscription of an ACTIVE consumer to a shard, which
 * the caller then starts on the HTTP response that carries its event stream.
 */
@Service
public class SubscriptionService {
    private final ConsumerService consumers;
    private final StreamCatalog catalog;
    private final IteratorService positions;
    private final Subscriptions registry;
    private final SubscriptionContext context;

    SubscriptionService(ConsumerService consumers, StreamCatalog catalog, IteratorService positions, ShardReader reader,
            ShardTail tail, Subscriptions registry, RecordCipher cipher, StreamMetrics metrics, Clock clock, StreamsProperties properties) {
        this.consumers = consumers;
        this.catalog = catalog;
        this.positions = positions;
        this.registry = registry;
        this.context = new SubscriptionContext(properties.subscriptions(), catalog, reader, tail, cipher, clock, registry.executor(), registry,
                metrics);
    }

    /**
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException
     *     (consumer, stream or shard), ResourceInUseException (consumer not ACTIVE, or subscribed to the
     *     shard less than 5 seconds ago), LimitExceededException (more than one call a second for the
     *     consumer and shard), InvalidArgumentException (starting position)
     */
    public ShardSubscription subscribe(SubscribeToShardRequest request) {
        SubscribeToShardRequest.StartingPosition position = request.startingPosition();
        Violations.check()
                .notNull("consumerARN", request.consumerArn())
                .length("consumerARN", request.consumerArn(), 1, 2048)
                .pattern("consumerARN", request.consumerArn(), ConsumerService.CONSUMER_ARN)
                .notNull("shardId", request.shardId())
                .length("shardId", request.shardId(), 1, 128)
                .pattern("shardId", request.shardId(), StreamLocator.NAME)
                .notNull("startingPosition", position)
                .raise();
        Violations.check()
                .notNull("startingPosition.type", position.type())
                .oneOf("startingPosition.type", position.type(), IteratorService.TYPES)
                .pattern("startingPosition.sequenceNumber", position.sequenceNumber(), SequenceNumber.WIRE_PATTERN)
                .raise();
        StreamConsumer consumer = consumers.requireActive(request.consumerArn());
        Stream stream = catalog.requireActive(consumer.streamKey());
        Shard shard = stream.requireShard(request.shardId());
        long offset = positions.startingOffset("SubscribeToShard", stream, shard, position.type(), position.sequenceNumber(),
                position.timestamp());
        Instant now = context.clock().instant();
        ShardSubscription subscription = new ShardSubscription(context,
                new SubscriptionKey(request.consumerArn(), shard.partition()), stream, shard, offset, now);
        registry.register(subscription);
        return subscription;
    }
}
