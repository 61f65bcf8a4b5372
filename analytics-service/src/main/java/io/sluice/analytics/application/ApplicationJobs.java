package io.sluice.analytics.application;

/**
 * What the engine does for changes made here: halting a deleted application's job, and bringing a
 * running application's job up to its changed configuration.
 */
public interface ApplicationJobs {

    /**
     * A change was made to an application while it ran (it is UPDATING now): its job is to be
     * replaced by one of the new configuration, resuming from the old one's state.
     */
    void changed(Application application);


    /** Cancels the application's job, if it has one (no savepoint: the application is going). */
    void cancel(Application application);
}
