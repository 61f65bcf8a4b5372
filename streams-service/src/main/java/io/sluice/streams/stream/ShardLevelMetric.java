package io.sluice.streams.stream;

import io.sluice.streams.metadata.Stream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** The shard-level metrics of EnableEnhancedMonitoring, in the order Kinesis lists them; ALL names every one. */
public enum ShardLevelMetric {
    IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded,
    ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds;

    public static final String ALL = "ALL";

    /** Wire names: every metric's, and ALL. */
    public static List<String> wireNames() {
        return java.util.stream.Stream.concat(Arrays.stream(values()).map(Enum::name), java.util.stream.Stream.of(ALL)).toList();
    }

    /** The metrics named, ALL expanded, in enum order. Call with validated names. */
    public static List<ShardLevelMetric> of(Collection<String> names) {
        return names.contains(ALL)
                ? List.of(values())
                : Arrays.stream(values()).filter(m -> names.contains(m.name())).toList();
    }
}
