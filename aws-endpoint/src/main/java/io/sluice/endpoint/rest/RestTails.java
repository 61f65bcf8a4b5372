package io.sluice.endpoint.rest;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.work.DaemonThreads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live tails of a service's REST API (server-sent events): each has a reader thread of its own,
 * at most {@link #MAX_TAILS} at once, and every open tail ends as the service begins to stop. That
 * comes before the web server's graceful shutdown (a later lifecycle phase), which would otherwise
 * wait its whole timeout for tails that never end by themselves; a client reconnects elsewhere, with
 * Last-Event-ID where the tail has ids.
 */
public final class RestTails implements SmartLifecycle {
    /** Live tails one service serves at once; each holds a thread and a connection. */
    public static final int MAX_TAILS = 256;

    /** What follows one tail: sends its events until {@link RestEvents#isOpen()} turns false, then returns. */
    @FunctionalInterface
    public interface Tail {
        void follow(RestEvents events) throws InterruptedException;
    }

    private final Semaphore slots = new Semaphore(MAX_TAILS);
    private final Set<RestEvents> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService readers = Executors.newCachedThreadPool(DaemonThreads.named("rest-tail", true));
    private volatile boolean running;

    /**
     * Opens a tail: {@code start} prepares it (and may refuse with the AWS error the request gets, as
     * a problem, before any event), then its {@link Tail} follows on a reader thread.
     *
     * @param what the opening comment: what the events will be
     * @throws io.sluice.common.error.AwsException LimitExceededException when {@link #MAX_TAILS} are
     *     open; ServiceUnavailable while the service stops
     */
    public SseEmitter open(Duration lasts, String what, Supplier<Tail> start) {
        if (!running) {
            throw ErrorCode.SERVICE_UNAVAILABLE.exception("The service is stopping; try again.");
        }
        if (!slots.tryAcquire()) {
            throw ErrorCode.LIMIT_EXCEEDED.exception("Too many live tails are open (at most %d); close one first.", MAX_TAILS);
        }
        RestEvents events;
        Tail tail;
        try {
            tail = start.get();
            events = RestEvents.open(lasts, what);
            open.add(events);
            readers.execute(() -> follow(tail, events));
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        return events.emitter();
    }

    private void follow(Tail tail, RestEvents events) {
        try {
            tail.follow(events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            events.complete();
            open.remove(events);
            slots.release();
        }
    }

    /** Tails open now. */
    public int openTails() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open tail and stops their readers, before the web server waits for requests under way. */
    @Override
    public void stop() {
        running = false;
        open.forEach(RestEvents::complete);
        readers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
