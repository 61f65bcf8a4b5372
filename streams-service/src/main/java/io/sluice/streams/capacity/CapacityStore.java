package io.sluice.streams.capacity;

import java.util.Optional;

/** Where account commitments and streams' warm throughput are kept. */
public interface CapacityStore {
    Optional<Commitment> commitment(String accountId, String region);

    void saveCommitment(String accountId, String region, Commitment commitment);

    /** The warm throughput asked of a stream (MiB/s), if any was. */
    Optional<Integer> warmThroughput(long streamId);

    void saveWarmThroughput(long streamId, int targetMiBps);
}
