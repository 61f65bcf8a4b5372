package io.sluice.endpoint.access;

/**
 * A request that may name its resource where only its operation can read it (a page token, say):
 * then the operation authorizes it ({@link AccessControl#authorizeCurrent}) instead of the endpoint.
 */
public interface SelfAuthorizing {
    /** Whether this request's resource is one only its operation can tell. */
    boolean authorizesItself();
}
