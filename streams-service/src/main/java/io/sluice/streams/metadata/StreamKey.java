package io.sluice.streams.metadata;

import io.sluice.common.arn.StreamArn;

/** What names a stream: account, region and stream name. */
public record StreamKey(String accountId, String region, String name) {

    public StreamArn arn() {
        return new StreamArn(region, accountId, name);
    }

    @Override
    public String toString() {
        return name + " under account " + accountId;
    }
}
