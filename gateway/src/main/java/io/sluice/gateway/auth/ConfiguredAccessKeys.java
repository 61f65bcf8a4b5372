package io.sluice.gateway.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The access keys of the gateway's configuration and credentials file, fixed from its start. */
public final class ConfiguredAccessKeys implements AccessKeys {
    private final Map<String, AccessKey> keys;

    public ConfiguredAccessKeys(Collection<AccessKey> keys) {
        this.keys = keys.stream().collect(Collectors.toUnmodifiableMap(AccessKey::accessKeyId, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("Access key " + a.accessKeyId() + " is configured twice");
        }));
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    public int size() {
        return keys.size();
    }
}
