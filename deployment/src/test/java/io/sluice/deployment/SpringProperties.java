package io.sluice.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Spring Boot properties on the class path, from the configuration metadata every Boot module
 * ships ({@code META-INF/spring-configuration-metadata.json}), spelled as environment variables.
 */
final class SpringProperties {
    private static Map<String, String> typesByVariable;

    private SpringProperties() {
    }

    /** Whether {@code variable} sets a documented property, or an entry of a documented map property. */
    static boolean knows(String variable) {
        Map<String, String> types = types();
        if (types.containsKey(variable)) {
            return true;
        }
        for (String shorter = variable; shorter.lastIndexOf('_') > 0; ) {
            shorter = shorter.substring(0, shorter.lastIndexOf('_'));
            if (types.getOrDefault(shorter, "").startsWith("java.util.Map")) {
                return true;
            }
        }
        return false;
    }

    /** {@code spring.datasource.url} → {@code SPRING_DATASOURCE_URL}: dots to underscores, dashes dropped. */
    static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase();
    }

    private static synchronized Map<String, String> types() {
        if (typesByVariable == null) {
            Map<String, String> all = new TreeMap<>();
            ObjectMapper json = new ObjectMapper();
            try {
                Enumeration<URL> files = SpringProperties.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
                while (files.hasMoreElements()) {
                    try (InputStream in = files.nextElement().openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            all.put(environmentName(property.path("name").asText()), property.path("type").asText());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            typesByVariable = all;
        }
        return typesByVariable;
    }
}
