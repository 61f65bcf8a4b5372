package io.sluice.analytics.application;

/** What the engine does for the application lifecycle here: halting a deleted application's job. */
public interface ApplicationJobs {

    /** Cancels the application's job, if it has one (no savepoint: the application is going). */
    void cancel(Application application);
}
