package io.sluice.endpoint.rest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A live tail of the REST API as server-sent events: it opens with a comment, so that the client
 * (and every proxy between, the gateway included) has the response before the first event, and it
 * knows when the client has gone (a send fails, the connection ends, or it lasted its time).
 */
public final class RestEvents {
    private final SseEmitter emitter;
    private static final long HEARTBEAT_NANOS = Duration.ofSeconds(10).toNanos();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile long lastBeat = System.nanoTime();

    private RestEvents(Duration lasts) {
        this.emitter = new SseEmitter(lasts.toMillis());
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> {
            open.set(false);
            emitter.complete();
        });
        emitter.onError(e -> open.set(false));
    }

    /** @param what the opening comment: what the events will be */
    public static RestEvents open(Duration lasts, String what) {
        RestEvents events = new RestEvents(lasts);
        try {
            events.emitter.send(SseEmitter.event().comment(what));
        } catch (IOException e) {
            events.open.set(false);
            events.emitter.completeWithError(e);
        }
        return events;
    }

    /** What the controller returns. */
    public SseEmitter emitter() {
        return emitter;
    }

    public boolean isOpen() {
        return open.get();
    }

    /** Sends an event of JSON data ({@code id} may be null); false when the client has gone. */
    public boolean send(String name, String id, byte[] json) {
        if (!open.get()) {
            return false;
        }
        try {
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(name).data(json, MediaType.APPLICATION_JSON);
            emitter.send(id == null ? event : event.id(id));
            return true;
        } catch (IOException | IllegalStateException e) {
            open.set(false);
            return false;
        }
    }

    /**
     * A comment when nothing was sent for a while: it finds a client that went away while the
     * stream was quiet (and keeps proxies from closing an idle connection); false when it has gone.
     */
    public boolean heartbeat() {
        if (!open.get()) {
            return false;
        }
        long now = System.nanoTime();
        if (now - lastBeat < HEARTBEAT_NANOS) {
            return true;
        }
        lastBeat = now;
        try {
            emitter.send(SseEmitter.event().comment("still here"));
            return true;
        } catch (IOException | IllegalStateException e) {
            open.set(false);
            return false;
        }
    }

    /** The last event was sent: the stream ends. */
    public void complete() {
        if (open.getAndSet(false)) {
            emitter.complete();
        }
    }
}
