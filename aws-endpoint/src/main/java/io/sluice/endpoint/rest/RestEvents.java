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
    private final AtomicBoolean open = new AtomicBoolean(true);

    private RestEvents(Duration lasts) {
        this.emitter = new SseEmitter(lasts.toMillis());
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> open.set(false));
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

    /** The last event was sent: the stream ends. */
    public void complete() {
        open.set(false);
        emitter.complete();
    }
}
