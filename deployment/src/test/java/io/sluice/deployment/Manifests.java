package io.sluice.deployment;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An overlay of k8s/ as {@code kubectl kustomize} renders it, read into the fabric8 Kubernetes
 * model (and Strimzi's model of its resources); objects of kinds without a model on Maven Central
 * (CloudNativePG's Cluster, the Flink operator's FlinkDeployment) stay generic.
 */
record Manifests(List<HasMetadata> objects) {
    static final List<String> OVERLAYS = List.of("dev", "prod");

    static Manifests render(String overlay) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        serialization.registerKubernetesResource("kafka.strimzi.io/v1", "Kafka", Kafka.class);
        serialization.registerKubernetesResource("kafka.strimzi.io/v1", "KafkaNodePool", KafkaNodePool.class);
        Object parsed = serialization.unmarshal(Repository.run("kubectl", "kustomize", "k8s/overlays/" + overlay));
        List<HasMetadata> objects = new ArrayList<>();
        for (Object object : parsed instanceof List<?> list ? list : List.of(parsed)) {
            objects.add((HasMetadata) object);
        }
        return new Manifests(objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** The objects of a kind that has no Java model here. */
    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    /** A value inside a generic object, by its path of field names. */
    static Object at(GenericKubernetesResource resource, String... path) {
        Object current = resource.getAdditionalProperties();
        for (String field : path) {
            current = current instanceof Map<?, ?> map ? map.get(field) : null;
        }
        return current;
    }

    /**
     * The fields the model did not know, by their path: the fabric8 and Strimzi models keep such
     * fields in an {@code additionalProperties} map instead of failing, so they are searched for.
     */
    static List<String> unknownFields(KubernetesResource object) {
        List<String> unknown = new ArrayList<>();
        walk(object, object.getClass().getSimpleName(), unknown, 0);
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown, int depth) {
        if (value == null || depth > 40 || value instanceof GenericKubernetesResource) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, unknown, depth + 1));
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.kubernetes.api.model") && !type.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                walk(field, path + "." + getter.getName().replaceFirst("^(get|is)", ""), unknown, depth + 1);
            }
        }
    }
}
