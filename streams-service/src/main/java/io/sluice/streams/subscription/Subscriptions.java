package io.sluice.streams.subscription;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.ShardId;
import io.sluice.common.work.DaemonThreads;
import io.sluice.streams.config.StreamsProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The subscriptions this instance serves, one per consumer and shard, the threads that run them and
 * the periodic check that ends them on time and keeps idle ones sending heartbeats.
 */
@Component
class Subscriptions implements SmartLifecycle, DisposableBean {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Subscriptions.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);
    private static final Duration CALL_INTERVAL = Duration.ofSeconds(1);

    private final Map<SubscriptionKey, ShardSubscription> active = new ConcurrentHashMap<>();
    private final Map<SubscriptionKey, Instant> lastCall = new ConcurrentHashMap<>();
    private final StreamsProperties.Subscriptions settings;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService checker;

    Subscriptions(StreamsProperties properties, Clock clock) {
        this.settings = properties.subscriptions();
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), DaemonThreads.named("sluice-subscription", true));
        this.executor.allowCoreThreadTimeOut(true);
        this.checker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-subscription-check", false));
        this.checker.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    java.util.concurrent.Executor executor() {
        return executor;
    }

    /**
     * Makes {@code subscription} the one of its consumer and shard. A call within a second of the
     * last one for the same consumer and shard is refused; an active subscription younger than
     * {@code takeoverAfter} keeps its place, an older one is taken over (and told so), as in Kinesis.
     *
     * @throws io.sluice.common.error.AwsException LimitExceededException, ResourceInUseException
     */
    void register(ShardSubscription subscription) {
        SubscriptionKey key = subscription.key;
        Instant now = subscription.startedAt();
        ShardSubscription[] replaced = new ShardSubscription[1];
        active.compute(key, (k, current) -> {
            if (current != null && !current.closed() && now.isBefore(current.startedAt().plus(settings.takeoverAfter()))) {
                throw ErrorCode.RESOURCE_IN_USE.exception("Another active subscription exists for consumer %s and shard %s.",
                        key.consumerArn(), new ShardId(key.shardIndex()));
            }
            Instant previousCall = lastCall.put(key, now);
            if (previousCall != null && now.isBefore(previousCall.plus(CALL_INTERVAL))) {
                throw ErrorCode.LIMIT_EXCEEDED.exception("Rate exceeded for consumer %s and shard %s: one SubscribeToShard call per second.",
                        key.consumerArn(), new ShardId(key.shardIndex()));
            }
            replaced[0] = current != null && !current.closed() ? current : null;
            return subscription;
        });
        if (replaced[0] != null) {
            replaced[0].takenOver();
        }
    }

    void remove(SubscriptionKey key, ShardSubscription subscription) {
        active.remove(key, subscription);
    }

    private void check() {
        Instant now = clock.instant();
        for (ShardSubscription subscription : active.values()) {
            try {
                subscription.check(now);
            } catch (RuntimeException e) {
                log.warn("Checking a subscription failed: {}", e.toString());
            }
        }
        lastCall.values().removeIf(at -> now.isAfter(at.plus(CALL_INTERVAL.multipliedBy(10))));
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every subscription before the web server shuts down: their responses are open for up to
     * 5 minutes, which a graceful shutdown would otherwise wait out. Clients subscribe again, to
     * another instance or to this one once it is back.
     */
    @Override
    public void stop() {
        running = false;
        for (ShardSubscription subscription : active.values()) {
            subscription.endNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown, which waits for open requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
        executor.shutdownNow();
    }
}
