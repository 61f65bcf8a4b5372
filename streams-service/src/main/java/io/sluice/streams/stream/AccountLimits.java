package io.sluice.streams.stream;

import io.sluice.streams.config.StreamsProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** DescribeLimits and DescribeAccountSettings: the limits of the account requests are served as. */
@Service
public class AccountLimits {
    private final StreamRepository repository;
    private final StreamLocator locator;
    private final StreamsProperties.Limits limits;

    AccountLimits(StreamRepository repository, StreamLocator locator, StreamsProperties properties) {
        this.repository = repository;
        this.locator = locator;
        this.limits = properties.limits();
    }

    @Transactional(readOnly = true)
    public DescribeLimitsResponse describeLimits() {
        StreamKey scope = locator.scope("");
        return new DescribeLimitsResponse(limits.shardLimit(),
                repository.countOpenShards(scope.accountId(), scope.region()),
                repository.countByMode(scope.accountId(), scope.region(), StreamMode.ON_DEMAND),
                limits.onDemandStreamLimit());
    }

    public DescribeAccountSettingsResponse describeAccountSettings() {
        return DescribeAccountSettingsResponse.disabled();
    }
}
