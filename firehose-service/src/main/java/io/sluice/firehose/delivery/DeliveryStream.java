package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.common.arn.DeliveryStreamArn;
import io.sluice.firehose.destination.Destination;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A delivery stream as the store keeps it.
 *
 * @param owner the account and region it belongs to
 * @param name its name, unique within the owner
 * @param type {@code DirectPut} or {@code KinesisStreamAsSource}
 * @param status CREATING, CREATING_FAILED, ACTIVE, DELETING, … as Firehose reports it
 * @param versionId increases with every configuration change (UpdateDestination's CurrentDeliveryStreamVersionId)
 * @param createdAt when CreateDeliveryStream was called
 * @param updatedAt when its configuration or status last changed
 * @param destination where it delivers, null for one created without a destination the service supports
 * @param failure why it is CREATING_FAILED, null otherwise
 * @param tags its tags
 * @param encryption its server-side encryption, null when it was never started
 * @param source the Kinesis stream it reads, null for DirectPut
 */
public record DeliveryStream(Caller owner, String name, String type, String status, long versionId, Instant createdAt,
        Instant updatedAt, Destination destination, FailureDescription failure, Map<String, String> tags,
        StreamEncryption encryption, KinesisSource source) {

    public DeliveryStream {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    /** A delivery stream without a destination, as listings need it (tests of the store and the listing). */
    public DeliveryStream(Caller owner, String name, String type, String status, long versionId, Instant createdAt) {
        this(owner, name, type, status, versionId, createdAt, createdAt, null, null, Map.of());
    }

    /** A delivery stream without encryption or source. */
    public DeliveryStream(Caller owner, String name, String type, String status, long versionId, Instant createdAt,
            Instant updatedAt, Destination destination, FailureDescription failure, Map<String, String> tags) {
        this(owner, name, type, status, versionId, createdAt, updatedAt, destination, failure, tags, null, null);
    }

    public DeliveryStreamArn arn() {
        return new DeliveryStreamArn(owner.region(), owner.accountId(), name);
    }

    /** A new destination: the version goes up by one, as UpdateDestination's does. */
    public DeliveryStream withDestination(Destination newDestination, Instant at) {
        return new DeliveryStream(owner, name, type, status, versionId + 1, createdAt, at, newDestination, failure, tags, encryption, source);
    }

    public DeliveryStream withTags(Map<String, String> newTags) {
        return new DeliveryStream(owner, name, type, status, versionId, createdAt, updatedAt, destination, failure, newTags, encryption, source);
    }

    public DeliveryStream withSource(KinesisSource newSource) {
        return new DeliveryStream(owner, name, type, status, versionId, createdAt, updatedAt, destination, failure, tags, encryption, newSource);
    }

    public DeliveryStream withEncryption(StreamEncryption newEncryption, Instant at) {
        return new DeliveryStream(owner, name, type, status, versionId, createdAt, at, destination, failure, tags, newEncryption, source);
    }

    /** Whether records put now are sealed in Kafka. */
    public boolean encrypted() {
        return encryption != null && encryption.sealing();
    }

    public DeliveryStream withStatus(String newStatus, FailureDescription newFailure, Instant at) {
        return new DeliveryStream(owner, name, type, newStatus, versionId, createdAt, at, destination, newFailure, tags, encryption, source);
    }
}
