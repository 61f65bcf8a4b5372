package io.sluice.endpoint;

import io.sluice.common.account.Caller;

/**
 * The account and region a request is served as. Every service reads the caller from here rather
 * than from its own settings, so that request authentication (which maps a verified access key to
 * its account) changes this one class. Until then every request is served as the configured caller.
 */
public final class CallerScope {
    private final Caller configured;

    public CallerScope(Caller configured) {
        this.configured = configured;
    }

    /** The caller of the request being served. */
    public Caller current() {
        return configured;
    }
}
