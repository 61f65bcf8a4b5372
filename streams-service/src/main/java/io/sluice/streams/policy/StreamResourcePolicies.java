package io.sluice.streams.policy;

import io.sluice.common.arn.ConsumerArn;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.error.AwsException;
import io.sluice.endpoint.access.ResourcePolicies;
import io.sluice.streams.consumer.StreamConsumers;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.stream.StreamLocator;
import io.sluice.streams.stream.StreamSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The resource policies of streams and consumers, for authorization: read from the metadata and
 * kept for a second, so that authorized hot paths (PutRecords, GetRecords) do not read the database
 * per request. A policy changed on this instance counts at once; on another, within that second.
 */
@Component
class StreamResourcePolicies implements ResourcePolicies {
    static final Duration KEPT = Duration.ofSeconds(1);
    private static final int MAX_KEPT = 10_000;

    private record Kept(Optional<String> policy, Instant until) {
    }

    private final StreamSettings streams;
    private final StreamConsumers consumers;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    StreamResourcePolicies(StreamSettings streams, StreamConsumers consumers, Clock clock) {
        this.streams = streams;
        this.consumers = consumers;
        this.clock = clock;
    }

    @Override
    public Optional<String> policyOf(String resourceArn) {
        Instant now = clock.instant();
        Kept entry = kept.get(resourceArn);
        if (entry != null && now.isBefore(entry.until())) {
            return entry.policy();
        }
        Optional<String> policy = read(resourceArn);
        if (kept.size() > MAX_KEPT) {
            kept.clear();
        }
        kept.put(resourceArn, new Kept(policy, now.plus(KEPT)));
        return policy;
    }

    /** Forgets what was kept of a resource whose policy just changed. */
    void changed(String resourceArn) {
        kept.remove(resourceArn);
    }

    private Optional<String> read(String resourceArn) {
        try {
            if (resourceArn.contains("/consumer/")) {
                return ConsumerArn.parse(resourceArn).map(consumers::resourcePolicy);
            }
            // Authorization runs before a request's members are validated: a name no stream can have
            // (AWS's ARN pattern takes any non-blank character, NUL too) has no policy, and is not looked up.
            return StreamArn.parse(resourceArn).filter(arn -> StreamLocator.NAME.matcher(arn.streamName()).matches())
                    .map(arn -> streams.resourcePolicy(new StreamKey(arn.accountId(), arn.region(), arn.streamName())));
        } catch (AwsException notFound) {
            return Optional.empty();
        }
    }
}
