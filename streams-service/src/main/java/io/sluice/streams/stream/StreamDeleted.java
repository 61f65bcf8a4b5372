package io.sluice.streams.stream;

/** Published once a deleted stream's topic is gone, so that readers let go of its partitions. */
public record StreamDeleted(StreamKey key, String topic) {
}
