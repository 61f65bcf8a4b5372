package io.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every overlay of k8s/, rendered by {@code kubectl kustomize} and read into the Kubernetes object
 * model with unknown fields failing, checked against the services' own configuration (ports,
 * probes, environment names) and against what a platform team expects of it.
 */
class KubernetesManifestsTest {
    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    /** The Secrets an operator of the platform creates (README); the CloudNativePG one comes from its operator. */
    private static final Set<String> SECRETS_CREATED_BY_HAND = Set.of("sluice-secrets", "minio-root", "sluice-credentials");
    private static final Map<String, Manifests> RENDERED = new LinkedHashMap<>();

    private static synchronized Manifests manifests(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectFitsItsModelWithNoUnknownField(String overlay) {
        Manifests manifests = manifests(overlay);
        assertThat(manifests.objects()).hasSizeGreaterThan(30);
        for (HasMetadata object : manifests.objects()) {
            if (object instanceof GenericKubernetesResource generic) {
                assertThat(generic.getKind()).as("kinds without a Java model").isIn("Cluster", "FlinkDeployment");
            } else {
                assertThat(Manifests.unknownFields(object)).as(object.getKind() + " " + object.getMetadata().getName()).isEmpty();
            }
            assertThat(object.getMetadata().getNamespace()).isEqualTo(overlay.equals("prod") ? "sluice" : "sluice-" + overlay);
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "sluice");
        }
        assertThat(manifests.all(Secret.class)).as("no secret values are committed").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceRunsItsImageOnItsPortsWithProbesOnItsHealthGroups(String overlay) {
        Manifests manifests = manifests(overlay);
        int management = Dockerfile.read().managementPort();
        List<SluiceService> deployed = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            SluiceService service = SluiceService.ofModule(container.getImage().replaceFirst("^sluice/", "").replaceFirst(":.*$", ""));
            deployed.add(service);
            assertThat(container.getImage()).matches(service.image() + ":[\\w.-]+");
            assertThat(portOf(container, "http")).isEqualTo(service.port());
            assertThat(portOf(container, "management")).isEqualTo(management);
            assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
            assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
            assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
            Service exposed = manifests.named(Service.class, deployment.getMetadata().getName());
            assertThat(exposed.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(exposed.getSpec().getPorts()).anySatisfy(port -> {
                assertThat(port.getPort()).isEqualTo(service.port());
                assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            });
        }
        assertThat(deployed).containsExactlyInAnyOrder(SluiceService.values());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceIsGivenOnlySettingsItKnows(String overlay) {
        Manifests manifests = manifests(overlay);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            SluiceService service = SluiceService.ofModule(container.getImage().replaceFirst("^sluice/", "").replaceFirst(":.*$", ""));
            Map<String, String> environment = environment(manifests, container);
            assertThat(environment).as(deployment.getMetadata().getName()).isNotEmpty();
            assertThat(service.unknownVariables(environment)).as(deployment.getMetadata().getName()).isEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void addressesLeadToServicesAndOperatorsThatExist(String overlay) {
        Manifests manifests = manifests(overlay);
        Map<String, Integer> reachable = new LinkedHashMap<>();
        for (Service service : manifests.all(Service.class)) {
            for (ServicePort port : service.getSpec().getPorts()) {
                reachable.put(service.getMetadata().getName() + ":" + port.getPort(), port.getPort());
            }
        }
        for (GenericKubernetesResource flink : manifests.generic("FlinkDeployment")) {
            reachable.put(flink.getMetadata().getName() + "-rest:8081", 8081);
        }
        for (Kafka kafka : manifests.all(Kafka.class)) {
            kafka.getSpec().getKafka().getListeners().forEach(listener ->
                    reachable.put(kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort(), listener.getPort()));
        }
        Set<String> databases = new java.util.TreeSet<>();
        for (GenericKubernetesResource cluster : manifests.generic("Cluster")) {
            reachable.put(cluster.getMetadata().getName() + "-rw:5432", 5432);
            databases.add((String) Manifests.at(cluster, "spec", "bootstrap", "initdb", "database"));
            for (Object sql : (List<?>) Manifests.at(cluster, "spec", "bootstrap", "initdb", "postInitSQL")) {
                Matcher create = Pattern.compile("CREATE DATABASE (\\w+)").matcher((String) sql);
                if (create.find()) {
                    databases.add(create.group(1));
                }
            }
        }
        int addresses = 0;
        for (ConfigMap config : manifests.all(ConfigMap.class)) {
            for (Map.Entry<String, String> setting : config.getData().entrySet()) {
                String value = setting.getValue();
                Matcher jdbc = Pattern.compile("jdbc:postgresql://([\\w-]+:\\d+)/(\\w+)").matcher(value);
                if (jdbc.matches()) {
                    assertThat(reachable).containsKey(jdbc.group(1));
                    assertThat(databases).contains(jdbc.group(2));
                    addresses++;
                } else if (value.startsWith("http://")) {
                    URI uri = URI.create(value);
                    assertThat(reachable).as(setting.getKey()).containsKey(uri.getHost() + ":" + uri.getPort());
                    addresses++;
                } else if (setting.getKey().endsWith("_BOOTSTRAPSERVERS")) {
                    assertThat(reachable).as(setting.getKey()).containsKey(value);
                    addresses++;
                }
            }
        }
        assertThat(addresses).as("addresses checked").isGreaterThanOrEqualTo(15);
        assertThat(reachable).containsKey("gateway:" + SluiceService.GATEWAY.port());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void secretsAreReferencedNeverCommitted(String overlay) {
        Manifests manifests = manifests(overlay);
        Set<String> known = new java.util.TreeSet<>(SECRETS_CREATED_BY_HAND);
        manifests.generic("Cluster").forEach(cluster -> known.add(cluster.getMetadata().getName() + "-app"));
        int references = 0;
        for (PodSpec pod : pods(manifests)) {
            for (Container container : pod.getContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        assertThat(known).contains(variable.getValueFrom().getSecretKeyRef().getName());
                        references++;
                    }
                }
            }
            for (var volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    assertThat(known).contains(volume.getSecret().getSecretName());
                    references++;
                }
            }
        }
        assertThat(references).isGreaterThanOrEqualTo(10);
        String readme = Repository.read("README.md");
        SECRETS_CREATED_BY_HAND.forEach(secret -> assertThat(readme).contains("kubectl create secret generic " + secret));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podsRunAsNonRootOnReadOnlyFileSystemsWithLimitsAndNoTokenTheyDoNotNeed(String overlay) {
        Manifests manifests = manifests(overlay);
        int uid = Dockerfile.read().user();
        List<PodSpec> pods = pods(manifests);
        assertThat(pods).hasSize(manifests.all(Deployment.class).size() + 2);
        for (PodSpec pod : pods) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo((long) uid);
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            for (Container container : pod.getContainers()) {
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).containsKey("memory");
                assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            }
        }
        for (ServiceAccount account : manifests.all(ServiceAccount.class)) {
            // Flink's job manager starts its task managers through the Kubernetes API.
            assertThat(account.getAutomountServiceAccountToken()).as(account.getMetadata().getName())
                    .isEqualTo(account.getMetadata().getName().equals("flink") ? null : Boolean.FALSE);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceHasADisruptionBudgetAndTheStatelessOnesScaleOnCpu(String overlay) {
        Manifests manifests = manifests(overlay);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(manifests.all(PodDisruptionBudget.class)).as(deployment.getMetadata().getName())
                    .anySatisfy(budget -> assertThat(selects(budget.getSpec().getSelector(), labels)).isTrue());
        }
        List<String> scaled = new ArrayList<>();
        for (HorizontalPodAutoscaler autoscaler : manifests.all(HorizontalPodAutoscaler.class)) {
            String target = autoscaler.getSpec().getScaleTargetRef().getName();
            assertThat(manifests.find(Deployment.class, target)).isPresent();
            assertThat(autoscaler.getSpec().getMinReplicas()).isBetween(1, autoscaler.getSpec().getMaxReplicas());
            assertThat(autoscaler.getSpec().getMetrics()).singleElement()
                    .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
            scaled.add(target);
        }
        assertThat(scaled).containsExactlyInAnyOrder("gateway", "streams", "firehose");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlyTheGatewayIsReachableFromOutsideTheNamespace(String overlay) {
        Manifests manifests = manifests(overlay);
        List<Map<String, String>> sluicePods = new ArrayList<>();
        manifests.all(Deployment.class).forEach(d -> sluicePods.add(d.getSpec().getTemplate().getMetadata().getLabels()));
        manifests.all(StatefulSet.class).forEach(s -> sluicePods.add(s.getSpec().getTemplate().getMetadata().getLabels()));
        for (Map<String, String> pod : sluicePods) {
            boolean gateway = "gateway".equals(pod.get("app.kubernetes.io/name"));
            List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class).stream()
                    .filter(policy -> selects(policy.getSpec().getPodSelector(), pod)).toList();
            assertThat(policies).as("policies of %s", pod).isNotEmpty();
            for (NetworkPolicy policy : policies) {
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    if (rule.getFrom().isEmpty()) {
                        assertThat(gateway).as("%s open to every source", pod).isTrue();
                        assertThat(rule.getPorts()).singleElement()
                                .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(SluiceService.GATEWAY.port()));
                    }
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        if (peer.getNamespaceSelector() != null) {
                            assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring");
                            assertThat(rule.getPorts()).singleElement()
                                    .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(Dockerfile.read().managementPort()));
                        } else {
                            assertThat(peer.getIpBlock()).isNull();
                        }
                    }
                }
            }
        }
        Ingress ingress = manifests.named(Ingress.class, "gateway");
        var backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertThat(backend.getName()).isEqualTo("gateway");
        assertThat(manifests.named(Service.class, "gateway").getSpec().getPorts())
                .anySatisfy(port -> assertThat(port.getName()).isEqualTo(backend.getPort().getName()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theEnginesAreTheComposeFilesAndKafkaKeepsWhatTheServicesAskFor(String overlay) {
        Manifests manifests = manifests(overlay);
        Map<String, Map<String, Object>> compose = ComposeFile.services(ComposeFile.resolved());
        GenericKubernetesResource flink = manifests.generic("FlinkDeployment").get(0);
        assertThat(Manifests.at(flink, "spec", "image")).isEqualTo(compose.get("flink-jobmanager").get("image"));
        String flinkMinor = ((String) compose.get("flink-jobmanager").get("image")).replaceAll("^flink:(\\d+)\\.(\\d+).*$", "v$1_$2");
        assertThat(Manifests.at(flink, "spec", "flinkVersion")).isEqualTo(flinkMinor);
        assertThat(manifests.named(StatefulSet.class, "minio").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(compose.get("minio").get("image"));
        assertThat(manifests.named(Job.class, "minio-buckets").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(compose.get("minio-init").get("image"));
        Kafka kafka = manifests.all(Kafka.class).get(0);
        assertThat("apache/kafka:" + kafka.getSpec().getKafka().getVersion()).isEqualTo(compose.get("kafka").get("image"));
        String postgres = (String) Manifests.at(manifests.generic("Cluster").get(0), "spec", "imageName");
        assertThat(postgres.replaceFirst("^.*:", "")).isEqualTo(((String) compose.get("postgres").get("image")).replaceFirst("^.*:", ""));

        int brokers = manifests.all(KafkaNodePool.class).stream().mapToInt(pool -> pool.getSpec().getReplicas()).sum();
        Object minIsr = kafka.getSpec().getKafka().getConfig().get("min.insync.replicas");
        for (ConfigMap config : manifests.all(ConfigMap.class)) {
            config.getData().forEach((name, value) -> {
                if (name.endsWith("_KAFKA_REPLICATIONFACTOR")) {
                    assertThat(Integer.parseInt(value)).as(name).isBetween(1, brokers);
                } else if (name.endsWith("_KAFKA_MININSYNCREPLICAS")) {
                    assertThat(value).as(name).isEqualTo(String.valueOf(minIsr));
                }
            });
        }
        if (overlay.equals("prod")) {
            assertThat(brokers).isEqualTo(3);
            assertThat(minIsr).isEqualTo(2);
        }
    }

    private static List<PodSpec> pods(Manifests manifests) {
        List<PodSpec> pods = new ArrayList<>();
        manifests.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        manifests.all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        manifests.all(Job.class).forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
        return pods;
    }

    private static Map<String, String> environment(Manifests manifests, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            environment.putAll(manifests.named(ConfigMap.class, source.getConfigMapRef().getName()).getData());
        }
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), variable.getValue() == null ? "from-secret" : variable.getValue());
        }
        return environment;
    }

    private static int portOf(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name)).getContainerPort();
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    /** Whether a label selector picks pods with these labels (matchLabels and In expressions). */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            if (!requirement.getOperator().equals("In") || !requirement.getValues().contains(labels.get(requirement.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
