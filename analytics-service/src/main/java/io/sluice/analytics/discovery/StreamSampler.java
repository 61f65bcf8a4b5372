package io.sluice.analytics.discovery;

import io.sluice.kafka.directory.StreamLocation;
import java.util.List;

/** Reads a sample of a stream's records for schema discovery ({@link KafkaStreamSampler} on the platform's Kafka). */
interface StreamSampler {

    /**
     * Up to {@code max} records' data in arrival order within each shard.
     *
     * @param fromOldest TRIM_HORIZON (the oldest kept) rather than NOW (records that arrive from now on)
     */
    List<byte[]> sample(StreamLocation stream, boolean fromOldest, int max);
}
