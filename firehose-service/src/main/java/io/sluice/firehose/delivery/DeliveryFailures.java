package io.sluice.firehose.delivery;

import java.time.Clock;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Makes a delivery stream whose objects cannot be written visible: DescribeDeliveryStream shows a
 * {@code FailureDescription} (UNKNOWN_ERROR, what S3 answered) while delivery is being retried,
 * and none once an object is written again. The stream stays ACTIVE and keeps taking records.
 */
@Component
public class DeliveryFailures {
    static final String TYPE = "UNKNOWN_ERROR";

    private final DeliveryStreamStore store;
    private final DeliveryStreamCache cache;
    private final Clock clock;

    DeliveryFailures(DeliveryStreamStore store, DeliveryStreamCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /** Delivery of the stream fails with {@code details}; it is being retried. */
    public void failing(DeliveryStream stream, String details) {
        record(stream, new FailureDescription(TYPE, details));
    }

    /** Delivery of the stream succeeds again. */
    public void recovered(DeliveryStream stream) {
        record(stream, null);
    }

    private void record(DeliveryStream stream, FailureDescription failure) {
        if (!stream.status().equals("ACTIVE")) {
            return;
        }
        store.update(stream.owner(), stream.name(), current -> current.status().equals("ACTIVE")
                && current.createdAt().equals(stream.createdAt()) && !Objects.equals(current.failure(), failure)
                ? current.withStatus("ACTIVE", failure, clock.instant()) : current);
        cache.evict(stream.owner(), stream.name());
    }
}
