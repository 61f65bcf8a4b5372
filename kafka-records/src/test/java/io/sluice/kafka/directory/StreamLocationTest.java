package io.sluice.kafka.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.kinesis.HashKey;
import io.sluice.common.kinesis.HashKeyRange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamLocationTest {
    private final List<HashKeyRange> halves = HashKeyRange.evenSplit(2);
    private final StreamLocation location = new StreamLocation("orders", "arn:aws:kinesis:us-east-1:000000000000:stream/orders",
            "kinesis.000000000000.us-east-1.orders.abc", "ACTIVE", List.of(
                    new StreamLocation.ShardLocation("shardId-000000000000", 0, "0", HashKey.MAX.toString(), null, null, false, 12L),
                    new StreamLocation.ShardLocation("shardId-000000000001", 1, halves.get(0).start().toString(),
                            halves.get(0).end().toString(), "shardId-000000000000", null, true, null),
                    new StreamLocation.ShardLocation("shardId-000000000002", 2, halves.get(1).start().toString(),
                            halves.get(1).end().toString(), "shardId-000000000000", null, true, null)),
            Map.of(3L, "AAAA"));

    @Test
    void routesByMd5OfThePartitionKeyToAnOpenShardOnly() {
        for (String key : List.of("a", "customer-1", "zzz", "")) {
            StreamLocation.ShardLocation shard = location.shardFor(key);
            assertThat(shard.open()).isTrue();
            assertThat(shard.holds(HashKey.ofPartitionKey(key))).isTrue();
        }
        assertThat(location.partitions()).containsExactly(0, 1, 2);
    }

    @Test
    void travelsAsJsonUnchanged() {
        assertThat(StreamLocation.fromJson(location.toJson())).isEqualTo(location);
        assertThat(location.shards().get(1).sequenceNumber(0)).isEqualTo("49" + "0000000001" + "00000000000000000001" + "0".repeat(24));
    }
}
