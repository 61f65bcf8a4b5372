package io.sluice.streams.stream;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.arn.ConsumerArn;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The enhanced fan-out consumers of streams: registered CREATING, ACTIVE after a short delay, at
 * most 20 per stream; deregistered DELETING, then gone.
 */
@Component
public class StreamConsumers {
    /** Consumers a stream can have registered at once (Kinesis: 20). */
    public static final int MAX_PER_STREAM = 20;

    private final StreamRepository streams;
    private final ConsumerRepository consumers;
    private final StreamLifecycle lifecycle;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StreamConsumers(StreamRepository streams, ConsumerRepository consumers, StreamLifecycle lifecycle,
            TransactionTemplate transactions, Clock clock) {
        this.streams = streams;
        this.consumers = consumers;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException
     *     (the name is taken, or the stream is not ACTIVE), LimitExceededException (20 consumers)
     */
    public StreamConsumer register(StreamKey key, String name, Map<String, String> tags) {
        Instant now = clock.instant();
        StreamConsumer consumer;
        try {
            consumer = transactions.execute(tx -> {
                StreamEntity stream = streams.findByKey(key).orElseThrow(() -> StreamCatalog.notFound(key));
                if (stream.getStatus() != StreamStatus.ACTIVE && stream.getStatus() != StreamStatus.UPDATING) {
                    throw StreamCatalog.notActive(key, stream.getStatus());
                }
                if (consumers.findByName(stream.getId(), name).isPresent()) {
                    throw inUse(key, name);
                }
                if (consumers.countByStream(stream.getId()) >= MAX_PER_STREAM) {
                    throw ErrorCode.LIMIT_EXCEEDED.exception(
                            "Stream %s under account %s has reached its limit of %d registered consumers.", key.name(),
                            key.accountId(), MAX_PER_STREAM);
                }
                return consumers.saveAndFlush(new ConsumerEntity(stream, name, now, tags)).toConsumer(key);
            });
        } catch (DataIntegrityViolationException e) {
            throw inUse(key, name);
        }
        lifecycle.activateConsumer(consumer.id());
        return consumer;
    }

    /** @throws io.sluice.common.error.AwsException ResourceNotFoundException (the stream or the consumer) */
    public StreamConsumer find(StreamKey key, String name) {
        return transactions.execute(tx -> existing(key, name).toConsumer(key));
    }

    /** Consumers in name order after {@code afterName}, at most {@code max}; with the stream's creation time. */
    public List<StreamConsumer> list(StreamKey key, Instant streamCreatedAt, String afterName, int max) {
        return transactions.execute(tx -> {
            StreamEntity stream = streams.findByKey(key).orElseThrow(() -> StreamCatalog.notFound(key));
            if (streamCreatedAt != null && !streamCreatedAt.equals(stream.getCreatedAt())) {
                throw StreamCatalog.notFound(key);
            }
            return consumers.findPage(stream.getId(), afterName, PageRequest.of(0, max)).stream()
                    .map(c -> c.toConsumer(key)).toList();
        });
    }

    /** Marks a consumer DELETING; it is removed shortly after. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public StreamConsumer deregister(StreamKey key, String name) {
        StreamConsumer consumer = transactions.execute(tx -> {
            ConsumerEntity entity = existing(key, name);
            entity.setStatus(ConsumerStatus.DELETING);
            return entity.toConsumer(key);
        });
        lifecycle.removeConsumer(consumer.id());
        return consumer;
    }

    /** A copy of a consumer's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public Map<String, String> tags(ConsumerArn arn) {
        return transactions.execute(tx -> Map.copyOf(existing(arn).getTags()));
    }

    /** Applies {@code change} to a consumer's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void updateTags(ConsumerArn arn, java.util.function.Consumer<Map<String, String>> change) {
        transactions.executeWithoutResult(tx -> change.accept(existing(arn).getTags()));
    }

    /** A consumer's resource policy, null when it has none. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public String resourcePolicy(ConsumerArn arn) {
        return transactions.execute(tx -> existing(arn).getResourcePolicy());
    }

    /** Sets (or with null, deletes) a consumer's resource policy. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void setResourcePolicy(ConsumerArn arn, String policy) {
        transactions.executeWithoutResult(tx -> existing(arn).setResourcePolicy(policy));
    }

    /** The consumer an ARN names: its stream, its name and the registration it was issued for. */
    private ConsumerEntity existing(ConsumerArn arn) {
        StreamKey key = new StreamKey(arn.stream().accountId(), arn.stream().region(), arn.stream().streamName());
        ConsumerEntity consumer = existing(key, arn.consumerName());
        if (consumer.toConsumer(key).createdAt().getEpochSecond() != arn.creationEpochSeconds()) {
            throw ErrorCode.RESOURCE_NOT_FOUND.exception("Consumer %s not found.", arn);
        }
        return consumer;
    }

    private ConsumerEntity existing(StreamKey key, String name) {
        StreamEntity stream = streams.findByKey(key).orElseThrow(() -> StreamCatalog.notFound(key));
        return consumers.findByName(stream.getId(), name).orElseThrow(() -> ErrorCode.RESOURCE_NOT_FOUND.exception(
                "Consumer %s under stream %s not found for account %s.", name, key.name(), key.accountId()));
    }

    private static RuntimeException inUse(StreamKey key, String name) {
        return ErrorCode.RESOURCE_IN_USE.exception("Consumer %s under stream %s already exists for account %s.", name,
                key.name(), key.accountId());
    }
}
