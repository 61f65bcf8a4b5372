package io.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Debian's docker-compose reads it ({@code config}, with the documented
 * .env.example), checked against the services' own configuration: images, ports, property and
 * environment names, start order, volumes and secrets.
 */
class ComposeFileTest {
    private static final Map<String, Object> COMPOSE = ComposeFile.resolved();

    @Test
    void everyImageIsPinnedAndEachSluiceImageIsBuiltFromItsModule() {
        Dockerfile dockerfile = Dockerfile.read();
        for (Map.Entry<String, Map<String, Object>> service : ComposeFile.services(COMPOSE).entrySet()) {
            String image = (String) service.getValue().get("image");
            assertThat(image).as(service.getKey()).matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*").doesNotEndWith(":latest");
            if (image.startsWith("sluice/")) {
                Map<String, Object> build = ComposeFile.map(service.getValue(), "build");
                String module = (String) ComposeFile.map(build, "args").get("SERVICE");
                assertThat(image).startsWith(SluiceService.ofModule(module).image() + ":");
                assertThat(build.get("dockerfile")).isEqualTo(Dockerfile.PATH);
                String target = (String) build.get("target");
                assertThat(target).isEqualTo(module.equals("analytics-service") ? "analytics" : "service");
                assertThat(dockerfile.in(target, "FROM")).as("stage " + target).isNotEmpty();
            }
        }
        assertThat(sluiceServices().values()).containsExactlyInAnyOrder(SluiceService.values());
    }

    @Test
    void eachServiceIsGivenOnlySettingsItKnows() {
        sluiceServices().forEach((name, service) ->
                assertThat(service.unknownVariables(ComposeFile.environment(COMPOSE, name))).as(name).isEmpty());
    }

    @Test
    void servicesReachEachOtherAtThePortsTheyListenOn() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        sluiceServices().forEach((name, service) -> ports.put(name, service.port()));
        ports.put("minio", 9000);
        ports.put("flink-jobmanager", 8081);
        ports.put("kafka", 9092);
        ports.put("postgres", 5432);
        Set<String> databases = databases();
        int addresses = 0;
        for (String name : sluiceServices().keySet()) {
            for (Map.Entry<String, String> variable : ComposeFile.environment(COMPOSE, name).entrySet()) {
                String value = variable.getValue();
                Matcher jdbc = Pattern.compile("jdbc:postgresql://([\\w-]+):(\\d+)/(\\w+)").matcher(value);
                if (jdbc.matches()) {
                    assertThat(Integer.parseInt(jdbc.group(2))).isEqualTo(ports.get(jdbc.group(1)));
                    assertThat(databases).as("databases made by the postgres service").contains(jdbc.group(3));
                    addresses++;
                } else if (value.startsWith("http://")) {
                    URI uri = URI.create(value);
                    assertThat(ports).as(variable.getKey()).containsEntry(uri.getHost(), uri.getPort());
                    addresses++;
                } else if (variable.getKey().endsWith("_BOOTSTRAPSERVERS")) {
                    assertThat(ComposeFile.environment(COMPOSE, "kafka").get("KAFKA_ADVERTISED_LISTENERS"))
                            .as("Kafka advertises the address %s uses", name).contains("://" + value);
                    addresses++;
                }
            }
        }
        assertThat(addresses).as("addresses checked").isGreaterThanOrEqualTo(15);
        Map<String, Object> gateway = ComposeFile.services(COMPOSE).get("gateway");
        assertThat((List<?>) gateway.get("ports")).singleElement()
                .isEqualTo(Map.of("published", 4566, "target", SluiceService.GATEWAY.port()));
    }

    @Test
    void prometheusScrapesEveryServiceOnItsManagementPort() {
        Map<String, Object> prometheus = new Yaml().load(Repository.read("docker/prometheus/prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            assertThat(((Map<?, ?>) job).get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Object config : (List<?>) ((Map<?, ?>) job).get("static_configs")) {
                targets.addAll((List<String>) ((Map<?, ?>) config).get("targets"));
            }
        }
        int management = Dockerfile.read().managementPort();
        assertThat(targets).isEqualTo(new TreeSet<>(sluiceServices().keySet().stream().map(s -> s + ":" + management).toList()));
        for (SluiceService service : SluiceService.values()) {
            assertThat(service.configuration().getProperty("management.endpoints.web.exposure.include")).contains("prometheus", "health");
        }
    }

    @Test
    void theServicesStartInOrderOnceWhatTheyNeedIsHealthy() {
        Map<String, Map<String, Object>> services = ComposeFile.services(COMPOSE);
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            ComposeFile.map(service.getValue(), "depends_on").forEach((dependency, how) -> {
                String condition = (String) ((Map<?, ?>) how).get("condition");
                Map<String, Object> needed = services.get(dependency);
                if (condition.equals("service_healthy")) {
                    boolean checked = needed.containsKey("healthcheck") || ((String) needed.get("image")).startsWith("sluice/");
                    assertThat(checked).as("%s waits for %s to be healthy: it needs a health check", service.getKey(), dependency).isTrue();
                } else if (condition.equals("service_completed_successfully")) {
                    assertThat(needed).as("%s is a one-shot", dependency).doesNotContainKey("restart");
                }
            });
        }
        assertThat(ComposeFile.map(services.get("streams"), "depends_on")).containsKeys("postgres", "kafka");
        assertThat(ComposeFile.map(services.get("gateway"), "depends_on")).containsKeys("streams", "firehose", "analytics");
    }

    /** The services trust the caller the gateway names in X-Sluice-Caller-* headers: nothing else may reach them. */
    @Test
    void onlyTheGatewayOfTheSluiceServicesIsPublishedAndItAuthenticatesStrictly() {
        Map<String, Map<String, Object>> services = ComposeFile.services(COMPOSE);
        sluiceServices().forEach((name, service) -> {
            if (!name.equals("gateway")) {
                assertThat(services.get(name).get("ports")).as(name + " publishes no port").isNull();
            }
        });
        assertThat(services.get("gateway").get("ports")).isNotNull();
        assertThat(ComposeFile.map(services.get("gateway"), "environment")).containsEntry("SLUICE_GATEWAY_AUTH_MODE", "strict");
    }

    @Test
    void dataLivesInNamedVolumes() {
        Set<String> declared = ComposeFile.map(COMPOSE, "volumes").keySet();
        for (String engine : List.of("postgres", "kafka", "minio", "prometheus", "grafana", "firehose")) {
            List<String> named = new ArrayList<>();
            for (Object volume : (List<?>) ComposeFile.services(COMPOSE).get(engine).get("volumes")) {
                String source = volume instanceof Map<?, ?> long_ ? (String) long_.get("source") : ((String) volume).split(":")[0];
                if (declared.contains(source)) {
                    named.add(source);
                }
            }
            assertThat(named).as(engine).hasSize(1);
        }
    }

    @Test
    void secretsComeFromTheEnvFileWhichIsNotCommitted() {
        String raw = Repository.read("docker-compose.yml");
        Map<String, String> example = Repository.envFile(".env.example");
        Matcher variable = Pattern.compile("\\$\\{(\\w+)").matcher(raw);
        while (variable.find()) {
            if (!variable.group(1).equals("SLUICE_VERSION") && !variable.group(1).equals("KAFKA_CLUSTER_ID")) {
                assertThat(example).as(".env.example documents " + variable.group(1)).containsKey(variable.group(1));
            }
        }
        Matcher secret = Pattern.compile("(?m)^\\s+(\\w*(PASSWORD|SECRET|MASTERKEY|SECRETKEY|SECRET_ACCESS_KEY)\\w*):\\s*(.*)$").matcher(raw);
        int secrets = 0;
        while (secret.find()) {
            assertThat(secret.group(3)).as(secret.group(1)).matches("\\$\\{\\w+(:\\?[^}]*)?}");
            secrets++;
        }
        assertThat(secrets).isGreaterThanOrEqualTo(8);
        assertThat(Repository.read(".gitignore").lines()).contains(".env");
    }

    private static Map<String, SluiceService> sluiceServices() {
        Map<String, SluiceService> sluice = new LinkedHashMap<>();
        ComposeFile.services(COMPOSE).forEach((name, service) -> {
            if (((String) service.get("image")).startsWith("sluice/")) {
                sluice.put(name, SluiceService.ofModule((String) ComposeFile.map(ComposeFile.map(service, "build"), "args").get("SERVICE")));
            }
        });
        return sluice;
    }

    /** The databases the postgres service has once its init scripts ran. */
    private static Set<String> databases() {
        Set<String> databases = new TreeSet<>();
        databases.add(ComposeFile.environment(COMPOSE, "postgres").get("POSTGRES_DB"));
        Matcher create = Pattern.compile("CREATE DATABASE (\\w+)").matcher(Repository.read("docker/postgres/init-databases.sql"));
        while (create.find()) {
            databases.add(create.group(1));
        }
        return databases;
    }
}
