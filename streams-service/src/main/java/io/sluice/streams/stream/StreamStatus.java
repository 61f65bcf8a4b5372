package io.sluice.streams.stream;

/** Stream states as Kinesis reports them. */
public enum StreamStatus {
    CREATING, DELETING, ACTIVE, UPDATING
}
