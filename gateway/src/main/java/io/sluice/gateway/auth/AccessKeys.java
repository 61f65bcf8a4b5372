package io.sluice.gateway.auth;

import java.util.Optional;

/** Where the gateway looks access keys up: its configuration and credentials file, or a store. */
public interface AccessKeys {
    Optional<AccessKey> find(String accessKeyId);
}
