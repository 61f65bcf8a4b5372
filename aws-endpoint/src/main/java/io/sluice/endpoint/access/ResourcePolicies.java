package io.sluice.endpoint.access;

import java.util.Optional;

/** The resource policies a service keeps (Kinesis' streams and consumers), for authorization. */
public interface ResourcePolicies {
    /** The policy document of the resource an ARN names; empty when it has none or does not exist. */
    Optional<String> policyOf(String resourceArn);
}
