package io.sluice.streams.capacity;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.shard.StreamResharding;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamLocator;
import io.sluice.streams.stream.WarmThroughput;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Capacity ready before the load arrives: an account's minimum throughput billing commitment
 * (UpdateAccountSettings, DescribeAccountSettings) and the warm throughput of its ON_DEMAND streams
 * (UpdateStreamWarmThroughput), which Sluice makes real by splitting the stream ahead of time into
 * as many shards as the MiB/s need — each takes what a provisioned shard takes
 * ({@code sluice.streams.throughput}, 1 MiB/s). Nothing is billed: the commitment only unlocks warm
 * throughput, as in AWS.
 */
@Service
public class CapacityService implements WarmThroughput.Source {
    /** The most warm throughput an ON_DEMAND stream may ask for: 10 GiB/s. */
    static final int MAX_WARM_MIBPS = 10_240;
    private static final List<String> STATUSES = List.of(Commitment.ENABLED, Commitment.DISABLED);

    private final CapacityStore store;
    private final StreamCatalog catalog;
    private final StreamLocator locator;
    private final StreamResharding resharding;
    private final double shardMiBps;
    private final Clock clock;

    CapacityService(CapacityStore store, StreamCatalog catalog, StreamLocator locator, StreamResharding resharding,
            StreamsProperties properties, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.locator = locator;
        this.resharding = resharding;
        this.shardMiBps = properties.throughput().writeBytesPerSecond() * properties.throughput().scale() / (1024.0 * 1024.0);
        this.clock = clock;
    }

    public AccountSettings describeAccountSettings() {
        return new AccountSettings(commitmentOf(locator.scope("")));
    }

    /** @throws io.sluice.common.error.AwsException ValidationException */
    public AccountSettings updateAccountSettings(AccountSettings.Update request) {
        AccountSettings.Wanted wanted = request.minimumThroughputBillingCommitment();
        String status = wanted == null ? null : wanted.status();
        Violations violations = Violations.check().notNull("minimumThroughputBillingCommitment", wanted);
        if (wanted != null) {
            violations.notNull("minimumThroughputBillingCommitment.status", status)
                    .oneOf("minimumThroughputBillingCommitment.status", status, STATUSES);
        }
        violations.raise();
        StreamKey scope = locator.scope("");
        Commitment updated = commitmentOf(scope).updated(status, clock.instant());
        store.saveCommitment(scope.accountId(), scope.region(), updated);
        return new AccountSettings(updated);
    }

    /**
     * Records the warm throughput an ON_DEMAND stream should hold and splits it, if it has fewer,
     * into the shards that hold it (UPDATING until they are open, as after UpdateShardCount).
     *
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException,
     *     ResourceInUseException (not ACTIVE), InvalidArgumentException (a PROVISIONED stream, or an
     *     account without a commitment), LimitExceededException (over 10 GiB/s, or the shard limits)
     */
    public WarmThroughput.Updated updateWarmThroughput(WarmThroughput.Update request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .length("streamId", request.streamId(), 1, 24)
                .notNull("warmThroughputMiBps", request.warmThroughputMiBps())
                .range("warmThroughputMiBps", request.warmThroughputMiBps(), 0, Integer.MAX_VALUE)
                .raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        Stream stream = catalog.require(key);
        if (stream.status() != StreamStatus.ACTIVE) {
            throw StreamCatalog.notActive(key, stream.status());
        }
        if (stream.mode() != StreamMode.ON_DEMAND) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Warm throughput is supported only for ON_DEMAND streams; stream %s under "
                    + "account %s is %s.", key.name(), key.accountId(), stream.mode());
        }
        if (!commitmentOf(key).active()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Warm throughput needs the account's MinimumThroughputBillingCommitment enabled "
                    + "(UpdateAccountSettings); account %s has none.", key.accountId());
        }
        int target = request.warmThroughputMiBps();
        if (target > MAX_WARM_MIBPS) {
            throw ErrorCode.LIMIT_EXCEEDED.exception("Warm throughput cannot be more than %d MiBps for an on-demand stream; %d was requested.",
                    MAX_WARM_MIBPS, target);
        }
        int current = currentMiBps(stream);
        int shards = (int) Math.ceil(target / shardMiBps);
        if (shards > stream.openShardCount()) {
            resharding.scaleUpTo(key, shards);
        }
        store.saveWarmThroughput(stream.id(), target);
        return new WarmThroughput.Updated(stream.arn(), key.name(), new WarmThroughput(target, current));
    }

    /** What DescribeStreamSummary shows of a stream's warm throughput: only for ON_DEMAND streams of committed accounts. */
    @Override
    public WarmThroughput of(Stream stream) {
        if (stream.mode() != StreamMode.ON_DEMAND || !commitmentOf(stream.key()).active()) {
            return null;
        }
        return new WarmThroughput(store.warmThroughput(stream.id()).orElse(null), currentMiBps(stream));
    }

    private int currentMiBps(Stream stream) {
        return (int) Math.floor(stream.openShardCount() * shardMiBps);
    }

    private Commitment commitmentOf(StreamKey scope) {
        return store.commitment(scope.accountId(), scope.region()).orElse(Commitment.NONE).at(clock.instant());
    }
}
