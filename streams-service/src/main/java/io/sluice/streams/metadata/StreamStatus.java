package io.sluice.streams.metadata;

/** Stream states as Kinesis reports them. */
public enum StreamStatus {
    CREATING, DELETING, ACTIVE, UPDATING
}
