package io.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docker/Dockerfile, checked without a Docker engine: a pinned base image named once, a non-root
 * user, the actuator health check, and — for every service — the jar it copies is the runnable jar
 * Maven built for that service (this module runs after them in the reactor).
 */
class DockerfileTest {
    private final Dockerfile dockerfile = Dockerfile.read();

    @Test
    void theBaseImageIsPinnedAndNamedOnce() {
        String image = dockerfile.globalArguments().get("JRE_IMAGE");
        assertThat(image).as("the base image").matches("[\\w./-]+:\\d+\\.\\d+\\.\\d+[\\w.-]*");
        assertThat(dockerfile.all("FROM")).extracting(Dockerfile.Instruction::arguments)
                .allSatisfy(from -> assertThat(from).matches("(\\$\\{JRE_IMAGE}|service) AS \\w+"));
    }

    @Test
    void theServicesRunAsAnUnprivilegedUserWithAHealthCheckOnTheManagementPort() {
        assertThat(dockerfile.user()).isGreaterThanOrEqualTo(1000);
        assertThat(dockerfile.in("service", "HEALTHCHECK")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .asString().contains("http://127.0.0.1:${MANAGEMENT_SERVER_PORT}/actuator/health/liveness");
        assertThat(dockerfile.managementPort()).isEqualTo(9404);
        assertThat(dockerfile.environment("service").get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
        assertThat(dockerfile.in("service", "ENTRYPOINT")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .isEqualTo("[\"java\", \"-jar\", \"/app/service.jar\"]");
    }

    @ParameterizedTest
    @EnumSource(SluiceService.class)
    void eachImageCopiesTheRunnableJarMavenBuiltForItsService(SluiceService service) throws IOException {
        String source = dockerfile.in("layers", "COPY").get(0).arguments().split("\\s+")[0].replace("${SERVICE}", service.module());
        Path jar = onlyMatch(source);
        try (JarFile built = new JarFile(jar.toFile())) {
            assertThat(built.getManifest().getMainAttributes().getValue("Start-Class"))
                    .as("the application %s starts", jar.getFileName())
                    .endsWith("Application");
            assertThat(built.getEntry("BOOT-INF/lib/")).as("a runnable Spring Boot jar").isNotNull();
        }
        assertThat(dockerIgnoreLetsThrough(Repository.ROOT.relativize(jar).toString())).isTrue();
    }

    @Test
    void analyticsAlsoShipsTheFlinkJobJar() {
        String source = dockerfile.in("analytics", "COPY").get(0).arguments().split("\\s+")[0];
        Path jar = onlyMatch(source);
        assertThat(jar.getFileName().toString()).endsWith("-flink-job.jar");
        assertThat(dockerfile.environment("analytics")).containsEntry("SLUICE_ANALYTICS_FLINK_JOB_JAR", "/app/flink-job.jar");
        assertThat(dockerIgnoreLetsThrough(Repository.ROOT.relativize(jar).toString())).isTrue();
        assertThat(dockerIgnoreLetsThrough("streams-service/target/classes/streams-service.properties")).isFalse();
    }

    private static Path onlyMatch(String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        Path directory = Repository.file(glob.substring(0, glob.lastIndexOf('/')));
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> matches = files.filter(f -> matcher.matches(Repository.ROOT.relativize(f))).toList();
            assertThat(matches).as("files built by Maven that %s copies", glob).hasSize(1);
            return matches.get(0);
        } catch (IOException e) {
            throw new AssertionError("Maven has not built " + glob, e);
        }
    }

    /** Whether .dockerignore sends a file to the builder (its last matching rule wins, {@code !} lets through). */
    private static boolean dockerIgnoreLetsThrough(String path) {
        boolean through = true;
        for (String line : Repository.read(".dockerignore").split("\n")) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            boolean allow = rule.startsWith("!");
            String glob = allow ? rule.substring(1) : rule;
            if (FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path)) || glob.equals("*")) {
                through = allow;
            }
        }
        return through;
    }
}
