package io.sluice.streams.rest;

import io.sluice.common.error.AwsException;
import io.sluice.common.work.DaemonThreads;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.endpoint.rest.RestEvents;
import io.sluice.streams.record.GetRecordsRequest;
import io.sluice.streams.record.GetRecordsResponse;
import io.sluice.streams.record.GetRecordsService;
import io.sluice.streams.record.RecordView;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /** At the tip: five reads a second on a shard are what Kinesis allows; a quiet tail takes two. */
    private static final long IDLE_MILLIS = 500;
    private static final long THROTTLED_MILLIS = 1_000;

    private final GetRecordsService gets;
    private final RestBodies bodies;
    private final ExecutorService readers = Executors.newCachedThreadPool(DaemonThreads.named("record-tail", true));

    RecordTails(GetRecordsService gets, RestBodies bodies) {
        this.gets = gets;
        this.bodies = bodies;
    }

    SseEmitter follow(String iterator, boolean json) {
        RestEvents events = RestEvents.open(LASTS, "records of the shard");
        readers.execute(() -> read(events, iterator, json));
        return events.emitter();
    }

    private void read(RestEvents events, String start, boolean json) {
        String iterator = start;
        try {
            while (events.isOpen() && !Thread.currentThread().isInterrupted()) {
                GetRecordsResponse page;
                try {
                    page = gets.getRecords(new GetRecordsRequest(iterator, null, null));
                } catch (AwsException e) {
                    if (e.code().wireName().equals("ProvisionedThroughputExceededException")) {
                        Thread.sleep(THROTTLED_MILLIS);
                        continue;
                    }
                    events.send("error", null, bodies.json(Map.of("title", e.code().wireName(), "detail", e.getMessage())));
                    events.complete();
                    return;
                }
                for (RecordView record : page.records()) {
                    events.send("record", record.sequenceNumber(), bodies.json(RecordRepresentations.Read.of(record, json)));
                }
                if (page.nextShardIterator() == null) {
                    events.send("end", null, bodies.json(Map.of("ChildShards", page.childShards())));
                    events.complete();
                    return;
                }
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    events.heartbeat();
                    Thread.sleep(IDLE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            events.complete();
        }
    }

    @PreDestroy
    void close() {
        readers.shutdownNow();
    }
}
