package io.sluice.streams.metadata;

/** The lifecycle of an enhanced fan-out consumer, as Kinesis reports it. */
public enum ConsumerStatus {
    CREATING, ACTIVE, DELETING
}
