package io.sluice.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml as docker-compose resolves it: anchors merged, variables from .env.example. */
final class ComposeFile {
    private ComposeFile() {
    }

    /** The file through {@code docker-compose config}, which also fails on anything Compose would refuse. */
    static Map<String, Object> resolved() {
        return new Yaml().load(Repository.run("docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml", "config"));
    }

    static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        return services;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** A service's environment, values as strings. */
    static Map<String, String> environment(Map<String, Object> compose, String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(services(compose).get(service), "environment").forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }
}
