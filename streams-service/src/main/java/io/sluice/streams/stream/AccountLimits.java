package io.sluice.streams.stream;

import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStore;
import org.springframework.stereotype.Service;

/** DescribeLimits: the limits of the account requests are served as. */
@Service
public class AccountLimits {
    private final StreamStore store;
    private final StreamLocator locator;
    private final StreamsProperties.Limits limits;

    AccountLimits(StreamStore store, StreamLocator locator, StreamsProperties properties) {
        this.store = store;
        this.locator = locator;
        this.limits = properties.limits();
    }

    public DescribeLimitsResponse describeLimits() {
        StreamKey scope = locator.scope("");
        return new DescribeLimitsResponse(limits.shardLimit(),
                store.countOpenShards(scope.accountId(), scope.region()),
                store.countByMode(scope.accountId(), scope.region(), StreamMode.ON_DEMAND),
                limits.onDemandStreamLimit());
    }
}
