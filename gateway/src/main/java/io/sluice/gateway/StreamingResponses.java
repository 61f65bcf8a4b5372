package io.sluice.gateway;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Responses that never end by themselves — REST tails (server-sent events) and SubscribeToShard's
 * event streams — end as the gateway begins to stop. That comes before the web server's graceful
 * shutdown (a later lifecycle phase), which lets every other request under way finish but would wait
 * its whole timeout for these; their clients reconnect (with Last-Event-ID, or a new subscription
 * from their last sequence number).
 */
@Component
class StreamingResponses implements SmartLifecycle {
    private static final MediaType AWS_EVENT_STREAM = MediaType.parseMediaType("application/vnd.amazon.eventstream");

    private final Sinks.Empty<Void> stopping = Sinks.empty();
    private volatile boolean running;

    /** Whether a response of this type is a stream of events (server-sent events, or AWS's event stream). */
    static boolean isEventStream(MediaType type) {
        return type != null && (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type) || AWS_EVENT_STREAM.isCompatibleWith(type));
    }

    /** The stream of a response that never ends by itself, ending as the gateway begins to stop. */
    <T> Flux<T> endingOnStop(Flux<T> events) {
        return events.takeUntilOther(stopping.asMono());
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
