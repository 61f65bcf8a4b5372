package io.sluice.local.containers;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The engines' images as docker-compose.yml pins them: one place for the compose file, k8s/ and this suite. */
final class ComposeImages {
    private ComposeImages() {
    }

    /** The image of a docker-compose service ({@code postgres}, {@code kafka}, {@code minio}…). */
    @SuppressWarnings("unchecked")
    static String of(String service) {
        Path compose = Path.of("").toAbsolutePath().getParent().resolve("docker-compose.yml");
        try (Reader in = Files.newBufferedReader(compose)) {
            Map<String, Object> file = new Yaml().load(in);
            Map<String, Object> services = (Map<String, Object>) file.get("services");
            return (String) ((Map<String, Object>) services.get(service)).get("image");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + compose, e);
        }
    }
}
