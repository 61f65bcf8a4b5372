package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.endpoint.rest.RestApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The REST API's documentation: each service's OpenAPI document, served by the gateway, lists
 * exactly the endpoints its controllers serve; and Swagger UI, opened in a real headless browser
 * (Debian's chromium), shows their operations.
 */
class RestDocumentationIT {
    private static final Map<String, String> DOCUMENTS = Map.of(
            "streams", "io.sluice.streams", "firehose", "io.sluice.firehose", "analytics", "io.sluice.analytics");

    @Test
    void eachServicesDocumentListsExactlyTheEndpointsItsControllersServe() throws Exception {
        for (Map.Entry<String, String> service : DOCUMENTS.entrySet()) {
            Rest.Answer document = Rest.get("/openapi/" + service.getKey());
            assertThat(document.status()).as(service.getKey()).isEqualTo(200);
            assertThat(document.body().get("openapi").asText()).startsWith("3.");
            assertThat(document.body().at("/servers/0/url").asText()).as("its server is the gateway that serves it").isEqualTo("/");
            Set<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.body().get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
            }
            assertThat(documented).as(service.getKey()).isEqualTo(endpoints(service.getValue()));
            document.body().get("paths").forEach(path -> path.forEach(operation ->
                    assertThat(operation.get("summary").asText()).as("every operation says what it does").isNotBlank()));
        }
    }

    @Test
    void swaggerUiInAHeadlessBrowserShowsTheOperations(@TempDir Path profile) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed (.ci/run installs it)");
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=20000", "--dump-dom",
                Platform.endpoint() + "/swagger-ui.html").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dom = browser.getInputStream().readAllBytes();
        assertThat(browser.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String page = new String(dom, StandardCharsets.UTF_8);
        // The first document (Streams) rendered: its operations, by path and summary.
        assertThat(page).as(page.length() > 3000 ? page.substring(0, 3000) : page).contains("opblock").contains("/v1/streams/{name}/records").contains("Put a record, or a batch")
                .contains("/openapi/firehose").contains("/openapi/analytics");
    }

    /** {@code METHOD path} of every endpoint of the service's REST controllers, read from their mappings. */
    private static Set<String> endpoints(String basePackage) throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestApi.class));
        Set<String> endpoints = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> controller = Class.forName(candidate.getBeanClassName());
            String prefix = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class).path()[0];
            for (var method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                List<String> paths = new ArrayList<>(List.of(mapping.path()));
                if (paths.isEmpty()) {
                    paths.add("");
                }
                for (String path : paths) {
                    for (var verb : mapping.method()) {
                        endpoints.add(verb.name() + " " + prefix + path);
                    }
                }
            }
        }
        assertThat(endpoints).as("controllers under " + basePackage).isNotEmpty();
        return endpoints;
    }
}
