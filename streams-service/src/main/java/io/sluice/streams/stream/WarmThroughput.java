package io.sluice.streams.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The warm throughput of an ON_DEMAND stream, as DescribeStreamSummary and UpdateStreamWarmThroughput
 * report it: the MiB/s asked for, and the MiB/s its open shards take now.
 */
public record WarmThroughput(@JsonProperty("TargetMiBps") Integer targetMiBps, @JsonProperty("CurrentMiBps") Integer currentMiBps) {

    /** What a stream's warm throughput is: the capacity package knows. */
    public interface Source {
        /** The warm throughput DescribeStreamSummary shows, or null where it shows none. */
        WarmThroughput of(io.sluice.streams.metadata.Stream stream);
    }

    /** UpdateStreamWarmThroughput's request. */
    public record Update(
            @JsonProperty("StreamName") String streamName,
            @JsonProperty("StreamARN") String streamArn,
            @JsonProperty("StreamId") String streamId,
            @JsonProperty("WarmThroughputMiBps") Integer warmThroughputMiBps) {
    }

    /** UpdateStreamWarmThroughput's answer. */
    public record Updated(
            @JsonProperty("StreamARN") String streamArn,
            @JsonProperty("StreamName") String streamName,
            @JsonProperty("WarmThroughput") WarmThroughput warmThroughput) {
    }
}
