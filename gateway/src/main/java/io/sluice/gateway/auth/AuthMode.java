package io.sluice.gateway.auth;

/** How strictly the gateway authenticates requests. */
public enum AuthMode {
    /** Only known access keys, every signature verified. */
    STRICT,
    /**
     * As the emulators do: any well-formed Signature Version 4 request is accepted; a known access
     * key's signatures are still verified.
     */
    PERMISSIVE
}
