package io.sluice.streams.rest;

import io.sluice.common.error.ErrorCode;
import io.sluice.endpoint.rest.RestAction;
import io.sluice.endpoint.rest.RestApi;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.streams.iterator.GetShardIteratorRequest;
import io.sluice.streams.iterator.IteratorService;
import io.sluice.streams.record.GetRecordsRequest;
import io.sluice.streams.record.GetRecordsResponse;
import io.sluice.streams.record.GetRecordsService;
import io.sluice.streams.record.PutRecordRequest;
import io.sluice.streams.record.PutRecordsRequest;
import io.sluice.streams.record.PutRecordsService;
import io.sluice.streams.stream.StreamLocator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A stream's records: put one or a batch (PutRecord, PutRecords), read a shard from a position page
 * by page with a cursor (GetShardIterator, GetRecords: the cursor is the shard iterator, and expires
 * as one does), or follow it live as server-sent events ({@link RecordTails}).
 */
@RestApi
@RequestMapping(RestApi.PREFIX + "/streams/{name}/records")
@Tag(name = "Records", description = "A stream's records")
class RecordsResource {
    private final PutRecordsService puts;
    private final GetRecordsService gets;
    private final IteratorService iterators;
    private final StreamLocator locator;
    private final RecordTails tails;
    private final RestBodies bodies;

    RecordsResource(PutRecordsService puts, GetRecordsService gets, IteratorService iterators, StreamLocator locator, RecordTails tails,
            RestBodies bodies) {
        this.puts = puts;
        this.gets = gets;
        this.iterators = iterators;
        this.locator = locator;
        this.tails = tails;
        this.bodies = bodies;
    }

    @RestAction(value = "kinesis:PutRecords", resource = "kinesis:stream/{name}")
    @PostMapping
    @Operation(summary = "Put a record, or a batch", description = "One record (PartitionKey, Data as JSON or DataBase64, "
            + "ExplicitHashKey) answers as PutRecord; Records, a list of them, as PutRecords (each record's outcome).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = RecordRepresentations.Put.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(oneOf = {
                    io.sluice.streams.record.PutRecordResponse.class, io.sluice.streams.record.PutRecordsResponse.class}))))
    ResponseEntity<byte[]> put(@PathVariable String name, HttpServletRequest request) {
        RecordRepresentations.Put put = bodies.read(request, RecordRepresentations.Put.class);
        if (put.records() != null) {
            return bodies.ok(puts.putRecords(new PutRecordsRequest(name, null,
                    put.records().stream().map(r -> r == null ? null : r.entry()).toList())));
        }
        return bodies.ok(puts.putRecord(new PutRecordRequest(name, null, put.bytes(), put.partitionKey(), put.explicitHashKey(), null)));
    }

    @RestAction(value = "kinesis:GetRecords", resource = "kinesis:stream/{name}")
    @GetMapping
    @Operation(summary = "Read a shard's records", description = "From a position (from: TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, "
            + "AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP), or on from a cursor (NextCursor of the page before, valid 5 minutes).",
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecordRepresentations.Page.class))))
    ResponseEntity<byte[]> read(@PathVariable String name,
            @Parameter(description = "the shard to read (not needed with a cursor)") @RequestParam(required = false) String shardId,
            @RequestParam(defaultValue = "TRIM_HORIZON") String from,
            @RequestParam(required = false) String sequenceNumber,
            @Parameter(description = "ISO-8601 or epoch milliseconds, for AT_TIMESTAMP") @RequestParam(required = false) String timestamp,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "json: Data as JSON or text; base64: Data as the AWS API gives it")
            @RequestParam(defaultValue = "json") String format) {
        boolean json = asJson(format);
        // The cursor must be one of this stream's: its ARN, from the caller and the name alone (no lookup).
        String arn = locator.locate(name, null).arn().toString();
        String iterator = cursor != null ? cursor : iterators.getShardIterator(
                new GetShardIteratorRequest(name, null, shardId, from, sequenceNumber, instant(timestamp))).shardIterator();
        GetRecordsResponse page = gets.getRecords(new GetRecordsRequest(iterator, limit, arn));
        return bodies.ok(new RecordRepresentations.Page(page.records().stream().map(r -> RecordRepresentations.Read.of(r, json)).toList(),
                page.nextShardIterator(), page.millisBehindLatest(), page.childShards()));
    }

    @RestAction(value = "kinesis:GetRecords", resource = "kinesis:stream/{name}")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a shard live", description = "Server-sent events: a 'record' event per record (its id the sequence "
            + "number: a client that reconnects with Last-Event-ID goes on after it), and 'end' with the child shards when a closed "
            + "shard is read to its end. From LATEST unless from says otherwise.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(type = "string", description = "server-sent events"))))
    SseEmitter tail(@PathVariable String name, @RequestParam String shardId, @RequestParam(defaultValue = "LATEST") String from,
            @RequestParam(required = false) String sequenceNumber, @RequestParam(required = false) String timestamp,
            @RequestParam(defaultValue = "json") String format, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        boolean json = asJson(format);
        GetShardIteratorRequest start = lastEventId != null
                ? new GetShardIteratorRequest(name, null, shardId, "AFTER_SEQUENCE_NUMBER", lastEventId, null)
                : new GetShardIteratorRequest(name, null, shardId, from, sequenceNumber, instant(timestamp));
        String iterator = iterators.getShardIterator(start).shardIterator();
        return tails.follow(iterator, json);
    }

    private static boolean asJson(String format) {
        return switch (format) {
            case "json" -> true;
            case "base64" -> false;
            default -> throw ErrorCode.VALIDATION.exception("format is json or base64, not %s", format);
        };
    }

    private static Instant instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return timestamp.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(timestamp)) : Instant.parse(timestamp);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ErrorCode.VALIDATION.exception("timestamp is ISO-8601 or epoch milliseconds, not %s", timestamp);
        }
    }
}
