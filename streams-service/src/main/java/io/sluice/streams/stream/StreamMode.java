package io.sluice.streams.stream;

/** Capacity modes of a stream. */
public enum StreamMode {
    PROVISIONED, ON_DEMAND
}
