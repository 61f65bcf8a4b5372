package io.sluice.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.protocol.AwsService;
import io.sluice.endpoint.AwsOperations;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;

/**
 * The operations the running services serve (their operation tables), each with its request
 * members as the AWS SDK models them, or, for an API whose SDK client this build does not have
 * (the Glue Data Catalog), as the service's own request type declares them; and hostile bodies
 * for them: random values of each member's type, or of any other type.
 */
final class HostileRequests {
    /** The SDK clients that model each API: the async Kinesis client has SubscribeToShard too. */
    private static final Map<AwsService, Class<?>> CLIENTS = Map.of(
            AwsService.KINESIS, KinesisAsyncClient.class,
            AwsService.FIREHOSE, FirehoseClient.class,
            AwsService.KINESIS_ANALYTICS, KinesisAnalyticsClient.class);

    /** A member of a request: its name on the wire and its type. */
    record Member(String name, MarshallingType<?> type) {
    }

    record Operation(String name, List<Member> members) {
    }

    /** An API: its name in the report, its target prefix and the operations served. */
    record Api(String name, String targetPrefix, List<Operation> operations) {
    }

    private HostileRequests() {
    }

    static List<Api> served(Collection<AwsOperations> tables) {
        Map<AwsService, Map<String, Operation>> byService = new TreeMap<>();
        for (AwsOperations table : tables) {
            Map<String, List<Member>> modelled = table.service() == null ? Map.of() : sdkModel(CLIENTS.get(table.service()));
            Map<String, Operation> operations = byService.computeIfAbsent(table.service(), s -> new TreeMap<>());
            for (String name : table.names()) {
                List<Member> members = modelled.containsKey(name) ? modelled.get(name)
                        : declared(table.forTarget(table.service().targetPrefix() + "." + name).orElseThrow().requestType());
                operations.put(name, new Operation(name, members));
            }
        }
        List<Api> apis = new ArrayList<>();
        byService.forEach((service, operations) -> apis.add(new Api(service.name(), service.targetPrefix(), List.copyOf(operations.values()))));
        return apis;
    }

    /** Each operation's members as the SDK models them, by operation name; none without a client. */
    private static Map<String, List<Member>> sdkModel(Class<?> client) {
        Map<String, List<Member>> operations = new TreeMap<>();
        if (client == null) {
            return operations;
        }
        for (Method method : client.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (Modifier.isStatic(method.getModifiers()) || parameters.length == 0 || !SdkRequest.class.isAssignableFrom(parameters[0])) {
                continue;
            }
            try {
                // A request's builder is an SdkPojo with the request's members.
                SdkPojo request = (SdkPojo) parameters[0].getMethod("builder").invoke(null);
                List<Member> members = new ArrayList<>();
                for (SdkField<?> field : request.sdkFields()) {
                    members.add(new Member(field.locationName(), field.marshallingType()));
                }
                operations.put(parameters[0].getSimpleName().replaceAll("Request$", ""), members);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot model " + parameters[0], e);
            }
        }
        return operations;
    }

    /** The members a service's request record declares, by their JSON names. */
    private static List<Member> declared(Class<?> request) {
        List<Member> members = new ArrayList<>();
        RecordComponent[] components = request.getRecordComponents();
        if (components == null) {
            return members;
        }
        for (RecordComponent component : components) {
            JsonProperty json = component.getAccessor().getAnnotation(JsonProperty.class);
            members.add(new Member(json != null ? json.value() : component.getName(), typeOf(component.getType())));
        }
        return members;
    }

    private static MarshallingType<?> typeOf(Class<?> type) {
        if (type == String.class) {
            return MarshallingType.STRING;
        } else if (type == Integer.class || type == int.class || type == Short.class) {
            return MarshallingType.INTEGER;
        } else if (type == Long.class || type == long.class) {
            return MarshallingType.LONG;
        } else if (type == Boolean.class || type == boolean.class) {
            return MarshallingType.BOOLEAN;
        } else if (type == Double.class || type == Float.class) {
            return MarshallingType.DOUBLE;
        } else if (type == Instant.class) {
            return MarshallingType.INSTANT;
        } else if (type == byte[].class) {
            return MarshallingType.SDK_BYTES;
        } else if (Collection.class.isAssignableFrom(type)) {
            return MarshallingType.LIST;
        } else if (Map.class.isAssignableFrom(type)) {
            return MarshallingType.MAP;
        }
        return MarshallingType.SDK_POJO;
    }

    /**
     * The lengths at and just past the bounds the AWS models give their strings (names 1-128, ARNs up
     * to 2048, keys 256, partition keys 256, policies 20480 …): the SDK's classes carry no constraints,
     * so every string member gets every bound.
     */
    private static final List<Integer> BOUNDS = List.of(0, 1, 2, 3, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025,
            2047, 2048, 2049, 4096, 4097, 20480, 20481);

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Combinators.combine(Arbitraries.of(BOUNDS), Arbitraries.chars().alpha().numeric().with('-', '_'))
                        .as((length, c) -> String.valueOf(c).repeat(length)),
                Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().ofMinLength(5_000).ofMaxLength(300_000).withChars('x'),
                Arbitraries.of("", "arn:aws:kinesis:us-east-1:000000000000:stream/x", "shardId-000000000000", "TRIM_HORIZON", "\u0000",
                        "\uD83D\uDE00", "../../etc/passwd", "%s%s%n"));
    }

    private static Arbitrary<JsonNode> valueOf(MarshallingType<?> type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (type == MarshallingType.STRING) {
            return strings().map(nodes::textNode);
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.SHORT) {
            // Numbers at and around the models' bounds (limits 1-10000, shard counts, retention 24-8760 hours, …), and far past them.
            return Arbitraries.oneOf(Arbitraries.integers().between(-5, 20_000).map(i -> (JsonNode) nodes.numberNode(i)),
                    Arbitraries.of(BOUNDS).flatMap(bound -> Arbitraries.of(bound - 1, bound, bound + 1)).map(i -> (JsonNode) nodes.numberNode(i)),
                    Arbitraries.of(8760, 8761, 10_000, 10_001, 100_000, 1_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE)
                            .map(i -> (JsonNode) nodes.numberNode(i)),
                    Arbitraries.longs().map(l -> (JsonNode) nodes.numberNode(l)),
                    Arbitraries.of((JsonNode) nodes.numberNode(new java.math.BigInteger("99999999999999999999999999999"))));
        } else if (type == MarshallingType.BOOLEAN) {
            return Arbitraries.of(nodes.booleanNode(true), nodes.booleanNode(false));
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.INSTANT) {
            return Arbitraries.doubles().map(d -> (JsonNode) nodes.numberNode(d));
        } else if (type == MarshallingType.SDK_BYTES) {
            return Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000)
                    .map(b -> (JsonNode) nodes.textNode(java.util.Base64.getEncoder().encodeToString(b)));
        } else if (type == MarshallingType.LIST) {
            // Items of any kind: strings, nulls, and structures with random members (lists of shapes hold structures).
            Arbitrary<JsonNode> item = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(text -> (JsonNode) nodes.textNode(text)),
                    Arbitraries.just((JsonNode) nodes.nullNode()), structures().map(object -> (JsonNode) object));
            return item.list().ofMaxSize(600).map(values -> {
                ArrayNode array = nodes.arrayNode();
                values.forEach(array::add);
                return array;
            });
        } else if (type == MarshallingType.MAP) {
            return Arbitraries.maps(Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().ofMaxLength(300)).ofMaxSize(60)
                    .map(HostileRequests::object);
        } else if (type == MarshallingType.SDK_POJO) {
            return structures().map(object -> (JsonNode) object);
        }
        return Arbitraries.just(nodes.nullNode());
    }

    /** Structures with a few random members of random text. */
    private static Arbitrary<ObjectNode> structures() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), strings()).ofMaxSize(4).map(HostileRequests::object);
    }

    private static ObjectNode object(Map<String, String> members) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        members.forEach(object::put);
        return object;
    }

    /** A JSON object with a random subset of the operation's members, each of its type or, asked, of another. */
    static Arbitrary<ObjectNode> body(Operation operation, boolean wrongTypes) {
        List<Arbitrary<Map.Entry<String, JsonNode>>> members = new ArrayList<>();
        for (Member member : operation.members()) {
            Arbitrary<JsonNode> value = wrongTypes ? wrongValue(member.type()) : valueOf(member.type());
            members.add(Combinators.combine(Arbitraries.integers().between(0, 3), value)
                    .as((keep, v) -> keep == 0 ? null : Map.entry(member.name(), v)));
        }
        if (members.isEmpty()) {
            return Arbitraries.just(JsonNodeFactory.instance.objectNode());
        }
        return Combinators.combine(members).as(entries -> {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            entries.stream().filter(e -> e != null).forEach(e -> object.set(e.getKey(), e.getValue()));
            return object;
        });
    }

    /** A value of any JSON type but the member's own. */
    private static Arbitrary<JsonNode> wrongValue(MarshallingType<?> type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<Arbitrary<JsonNode>> others = new ArrayList<>();
        if (type != MarshallingType.STRING && type != MarshallingType.SDK_BYTES) {
            others.add(strings().map(nodes::textNode));
        }
        if (type != MarshallingType.INTEGER && type != MarshallingType.LONG && type != MarshallingType.DOUBLE
                && type != MarshallingType.INSTANT) {
            others.add(Arbitraries.integers().map(i -> (JsonNode) nodes.numberNode(i)));
        }
        if (type != MarshallingType.BOOLEAN) {
            others.add(Arbitraries.of(nodes.booleanNode(true)));
        }
        if (type != MarshallingType.LIST) {
            others.add(Arbitraries.of((JsonNode) nodes.arrayNode().add(1).add("x")));
        }
        if (type != MarshallingType.MAP && type != MarshallingType.SDK_POJO) {
            others.add(Arbitraries.of((JsonNode) nodes.objectNode().put("a", 1)));
        }
        return Arbitraries.oneOf(others);
    }
}
