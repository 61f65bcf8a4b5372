package io.sluice.endpoint.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.common.account.Caller;
import io.sluice.common.arn.Arn;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resource an AWS request acts on, as IAM names it: the ARN in one of its members
 * ({@code StreamARN}, {@code ConsumerARN}, {@code ResourceARN}…), or one made from a name member and
 * the caller's account and region ({@code StreamName} as {@code kinesis:stream} →
 * {@code arn:aws:kinesis:<region>:<account>:stream/<name>});
 * {@code "*"} for a request that names none. Requests that name their resource only inside a token
 * (a shard iterator, a page token) are {@link SelfAuthorizing}: left to their operation.
 */
public final class RequestResources {

    /** ARN members first, then name members with the service and resource type their ARN has: in the order they are looked at. */
    private final Map<String, String> members;
    private final Map<Class<?>, Map<String, Method>> accessors = new ConcurrentHashMap<>();

    /**
     * @param arnMembers members that hold an ARN, most specific first
     * @param nameMembers members that hold a name, with the service and resource type of its ARN
     *     ({@code StreamName} → {@code kinesis:stream}), looked at in this order
     */
    public RequestResources(java.util.List<String> arnMembers, Map<String, String> nameMembers) {
        Map<String, String> ordered = new LinkedHashMap<>();
        arnMembers.forEach(member -> ordered.put(member, null));
        ordered.putAll(nameMembers);
        this.members = ordered;
    }

    /** The resource of a decoded request; empty when the operation authorizes itself. */
    public Optional<String> of(Object request, Caller caller) {
        if (request == null) {
            return Optional.of("*");
        }
        if (request instanceof SelfAuthorizing self && self.authorizesItself()) {
            return Optional.empty();
        }
        Map<String, Method> byMember = accessors.computeIfAbsent(request.getClass(), RequestResources::accessors);
        for (Map.Entry<String, String> member : members.entrySet()) {
            Method accessor = byMember.get(member.getKey());
            Object value = accessor == null ? null : invoke(accessor, request);
            if (value instanceof String text && !text.isEmpty()) {
                return Optional.of(member.getValue() == null ? text : arnIn(caller, member.getValue() + "/" + text));
            }
        }
        return Optional.of("*");
    }

    /** The ARN of {@code <service>:<resource>} (e.g. {@code kinesis:stream/orders}) in the caller's account and region. */
    public static String arnIn(Caller caller, String serviceAndResource) {
        int colon = serviceAndResource.indexOf(':');
        return new Arn("aws", serviceAndResource.substring(0, colon), caller.region(), caller.accountId(),
                serviceAndResource.substring(colon + 1)).toString();
    }

    private static Map<String, Method> accessors(Class<?> type) {
        Map<String, Method> accessors = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                JsonProperty property = component.getAnnotation(JsonProperty.class);
                if (property == null) {
                    property = component.getAccessor().getAnnotation(JsonProperty.class);
                }
                String name = property != null && !property.value().isEmpty() ? property.value() : capitalized(component.getName());
                accessors.put(name, component.getAccessor());
            }
        }
        return accessors;
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method accessor, Object request) {
        try {
            return accessor.invoke(request);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + accessor, e);
        }
    }
}
