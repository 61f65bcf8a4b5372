package io.sluice.streams.subscription;

import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.encryption.RecordCipher;
import io.sluice.streams.monitoring.StreamMetrics;
import io.sluice.streams.shard.ShardReader;
import io.sluice.streams.stream.StreamCatalog;
import java.time.Clock;
import java.util.concurrent.Executor;

/** What every subscription works with. */
record SubscriptionContext(
        StreamsProperties.Subscriptions settings,
        StreamCatalog catalog,
        ShardReader reader,
        ShardTail tail,
        RecordCipher cipher,
        Clock clock,
        Executor executor,
        Subscriptions registry,
        StreamMetrics metrics) {
}
