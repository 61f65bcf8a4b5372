package io.sluice.streams.rest;

import io.sluice.common.error.AwsException;
import io.sluice.common.work.DaemonThreads;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.streams.record.GetRecordsRequest;
import io.sluice.streams.record.GetRecordsResponse;
import io.sluice.streams.record.GetRecordsService;
import io.sluice.streams.record.RecordView;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live tails of shards as server-sent events: each tail reads on with GetRecords (so the shard's
 * read limits count it as a reader), waits a little when it is at the tip, and ends when its shard
 * is closed and read to its end, when the client goes away, or after {@link #LASTS} (the client
 * reconnects with Last-Event-ID and goes on where it was).
 */
@Component
class RecordTails {
    static final Duration LASTS = Duration.ofMinutes(30);
    /** At the tip: five reads a second on a shard are what Kinesis allows; a tail takes at most four. */
    private static final long IDLE_MILLIS = 250;
    private static final long THROTTLED_MILLIS = 1_000;

    private final GetRecordsService gets;
    private final RestBodies bodies;
    private final ExecutorService readers = Executors.newCachedThreadPool(DaemonThreads.named("record-tail", true));

    RecordTails(GetRecordsService gets, RestBodies bodies) {
        this.gets = gets;
        this.bodies = bodies;
    }

    SseEmitter follow(String iterator, boolean json) {
        SseEmitter emitter = new SseEmitter(LASTS.toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> open.set(false));
        emitter.onError(e -> open.set(false));
        try {
            // A first comment, so that the client (and every proxy between) has the response before the first record.
            emitter.send(SseEmitter.event().comment("records of the shard"));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        readers.execute(() -> read(emitter, open, iterator, json));
        return emitter;
    }

    private void read(SseEmitter emitter, AtomicBoolean open, String start, boolean json) {
        String iterator = start;
        try {
            while (open.get() && !Thread.currentThread().isInterrupted()) {
                GetRecordsResponse page;
                try {
                    page = gets.getRecords(new GetRecordsRequest(iterator, null, null));
                } catch (AwsException e) {
                    if (e.code().wireName().equals("ProvisionedThroughputExceededException")) {
                        Thread.sleep(THROTTLED_MILLIS);
                        continue;
                    }
                    emitter.send(SseEmitter.event().name("error").data(bodies.json(Map.of("title", e.code().wireName(), "detail", e.getMessage())),
                            MediaType.APPLICATION_JSON));
                    emitter.complete();
                    return;
                }
                for (RecordView record : page.records()) {
                    emitter.send(SseEmitter.event().name("record").id(record.sequenceNumber())
                            .data(bodies.json(RecordRepresentations.Read.of(record, json)), MediaType.APPLICATION_JSON));
                }
                if (page.nextShardIterator() == null) {
                    emitter.send(SseEmitter.event().name("end").data(bodies.json(Map.of("ChildShards", page.childShards())),
                            MediaType.APPLICATION_JSON));
                    emitter.complete();
                    return;
                }
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    Thread.sleep(IDLE_MILLIS);
                }
            }
        } catch (IOException | IllegalStateException e) {
            open.set(false); // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }

    @PreDestroy
    void close() {
        readers.shutdownNow();
    }
}
