package io.sluice.streams.rest;

import io.sluice.common.error.AwsException;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.endpoint.rest.RestEvents;
import io.sluice.endpoint.rest.RestTails;
import io.sluice.streams.record.GetRecordsRequest;
import io.sluice.streams.record.GetRecordsResponse;
import io.sluice.streams.record.GetRecordsService;
import io.sluice.streams.record.RecordView;
import java.time.Duration;
import java.util.Map;
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
    private final RestTails tails;

    RecordTails(GetRecordsService gets, RestBodies bodies, RestTails tails) {
        this.gets = gets;
        this.bodies = bodies;
        this.tails = tails;
    }

    SseEmitter follow(String iterator, boolean json) {
        return tails.open(LASTS, "records of the shard", () -> events -> read(events, iterator, json));
    }

    private void read(RestEvents events, String start, boolean json) throws InterruptedException {
        String iterator = start;
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
                return;
            }
            for (RecordView record : page.records()) {
                events.send("record", record.sequenceNumber().encode(), bodies.json(RecordRepresentations.Read.of(record, json)));
            }
            if (page.nextShardIterator() == null) {
                events.send("end", null, bodies.json(Map.of("ChildShards", page.childShards())));
                return;
            }
            iterator = page.nextShardIterator();
            if (page.records().isEmpty()) {
                events.heartbeat();
                Thread.sleep(IDLE_MILLIS);
            }
        }
    }
}
