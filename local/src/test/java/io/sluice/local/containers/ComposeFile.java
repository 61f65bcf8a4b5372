package io.sluice.local.containers;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The engines as docker-compose.yml runs them: one place for the images (which k8s/ is checked
 * against too) and the engines' settings, so that this suite starts what a compose user starts.
 */
final class ComposeFile {
    private ComposeFile() {
    }

    /** The image of a docker-compose service ({@code postgres}, {@code kafka}, {@code minio}…). */
    static String image(String service) {
        return (String) service(service).get("image");
    }

    /**
     * The environment of a docker-compose service as the file writes it (variables from .env left as
     * {@code ${NAME}}: the caller sets those of its own).
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) service(service).get("environment")).forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Path compose = Path.of("").toAbsolutePath().getParent().resolve("docker-compose.yml");
        try (Reader in = Files.newBufferedReader(compose)) {
            Map<String, Object> file = new Yaml().load(in);
            Map<String, Object> services = (Map<String, Object>) file.get("services");
            return (Map<String, Object>) services.get(name);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + compose, e);
        }
    }
}
