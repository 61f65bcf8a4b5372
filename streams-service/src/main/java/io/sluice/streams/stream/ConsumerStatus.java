package io.sluice.streams.stream;

/** The lifecycle of an enhanced fan-out consumer, as Kinesis reports it. */
public enum ConsumerStatus {
    CREATING, ACTIVE, DELETING
}
