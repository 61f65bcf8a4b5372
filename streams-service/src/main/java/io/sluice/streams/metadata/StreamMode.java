package io.sluice.streams.metadata;

/** Capacity modes of a stream. */
public enum StreamMode {
    PROVISIONED, ON_DEMAND
}
