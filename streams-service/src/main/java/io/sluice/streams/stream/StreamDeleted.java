package io.sluice.streams.stream;

import io.sluice.streams.metadata.StreamKey;

/** Published once a deleted stream's topic is gone, so that readers let go of its partitions. */
public record StreamDeleted(StreamKey key, String topic) {
}
