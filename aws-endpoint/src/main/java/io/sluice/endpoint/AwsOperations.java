package io.sluice.endpoint;

import io.sluice.common.protocol.AwsService;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operation table of one AWS service: each operation's name (as X-Amz-Target spells it after
 * the service's prefix), the type its request decodes to, and the facade method that serves it. A
 * new operation is one line here plus its facade method. Names are checked unique when the table
 * is built, that is when the service starts.
 */
public final class AwsOperations {
    private final AwsService service;
    private final Map<String, Operation<?>> byName;

    private AwsOperations(AwsService service, Map<String, Operation<?>> byName) {
        this.service = service;
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static Builder builder(AwsService service) {
        return new Builder(service);
    }

    public AwsService service() {
        return service;
    }

    /** The operation of an X-Amz-Target header, if this service has it. */
    public Optional<Operation<?>> forTarget(String target) {
        return service.operationOf(target).map(byName::get);
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** Serves a decoded request; returns the response, or null for operations without output. */
    public interface Handler<R> {
        Object handle(R request);
    }

    /**
     * Serves a request whose response is written as it is produced (SubscribeToShard's event
     * stream). Errors thrown before anything is written become ordinary error responses.
     */
    public interface StreamingHandler<R> {
        void start(R request, AwsExchange exchange) throws IOException;
    }

    /**
     * One operation of the table; exactly one of {@code handler} and {@code streaming} is set.
     */
    public record Operation<R>(String name, Class<R> requestType, Handler<R> handler, StreamingHandler<R> streaming) {
        Object handle(Object request) {
            return handler.handle(requestType.cast(request));
        }

        void stream(Object request, AwsExchange exchange) throws IOException {
            streaming.start(requestType.cast(request), exchange);
        }

        boolean isStreaming() {
            return streaming != null;
        }
    }

    public static final class Builder {
        private final AwsService service;
        private final Map<String, Operation<?>> byName = new LinkedHashMap<>();

        private Builder(AwsService service) {
            this.service = service;
        }

        /** An operation that answers with a response structure. */
        public <R> Builder operation(String name, Class<R> requestType, Function<R, ?> handler) {
            return add(new Operation<>(name, requestType, handler::apply, null));
        }

        /** An operation without output members: it answers with an empty structure. */
        public <R> Builder action(String name, Class<R> requestType, Consumer<R> handler) {
            return add(new Operation<>(name, requestType, request -> {
                handler.accept(request);
                return null;
            }, null));
        }

        /** An operation whose response streams ({@link StreamingHandler}). */
        public <R> Builder streaming(String name, Class<R> requestType, StreamingHandler<R> handler) {
            return add(new Operation<>(name, requestType, null, handler));
        }

        private Builder add(Operation<?> operation) {
            if (!operation.name().matches("[A-Z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("Not an AWS operation name: " + operation.name());
            }
            if (byName.putIfAbsent(operation.name(), operation) != null) {
                throw new IllegalStateException(service + " lists operation " + operation.name() + " twice");
            }
            return this;
        }

        public AwsOperations build() {
            return new AwsOperations(service, new LinkedHashMap<>(byName));
        }
    }
}
