package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import io.sluice.common.arn.ApplicationArn;
import java.time.Instant;

/**
 * A Kinesis Analytics application as the store keeps it.
 *
 * @param owner the account and region it belongs to
 * @param name its name, unique within the owner
 * @param status READY, STARTING, RUNNING, … as Kinesis Analytics reports it
 * @param versionId increases with every update (CurrentApplicationVersionId)
 * @param createdAt when CreateApplication was called
 */
public record Application(Caller owner, String name, String status, long versionId, Instant createdAt) {

    public ApplicationArn arn() {
        return new ApplicationArn(owner.region(), owner.accountId(), name);
    }
}
