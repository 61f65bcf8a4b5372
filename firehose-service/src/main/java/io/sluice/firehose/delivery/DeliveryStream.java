package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.common.arn.DeliveryStreamArn;
import java.time.Instant;

/**
 * A delivery stream as the store keeps it.
 *
 * @param owner the account and region it belongs to
 * @param name its name, unique within the owner
 * @param type {@code DirectPut} or {@code KinesisStreamAsSource}
 * @param status CREATING, ACTIVE, DELETING, … as Firehose reports it
 * @param versionId increases with every configuration change (UpdateDestination's CurrentDeliveryStreamVersionId)
 * @param createdAt when CreateDeliveryStream was called
 */
public record DeliveryStream(Caller owner, String name, String type, String status, long versionId, Instant createdAt) {

    public DeliveryStreamArn arn() {
        return new DeliveryStreamArn(owner.region(), owner.accountId(), name);
    }
}
