package io.sluice.streams.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.endpoint.rest.RestAction;
import io.sluice.endpoint.rest.RestApi;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.streams.shard.ListShardsRequest;
import io.sluice.streams.shard.MergeShardsRequest;
import io.sluice.streams.shard.ReshardingService;
import io.sluice.streams.shard.ShardService;
import io.sluice.streams.shard.SplitShardRequest;
import io.sluice.streams.shard.UpdateShardCountRequest;
import io.sluice.streams.stream.CreateStreamRequest;
import io.sluice.streams.stream.DeleteStreamRequest;
import io.sluice.streams.stream.DescribeStreamSummaryRequest;
import io.sluice.streams.stream.ListStreamsRequest;
import io.sluice.streams.stream.ShardView;
import io.sluice.streams.stream.StreamDescriptionSummary;
import io.sluice.streams.stream.StreamService;
import io.sluice.streams.stream.StreamViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Streams as REST resources, through the same services as the Kinesis API: {@code POST} creates
 * (the CreateStream shape), {@code GET} lists and describes (the summary and the shards),
 * {@code DELETE} deletes, and the resharding actions reshard.
 */
@RestApi
@RequestMapping(RestApi.PREFIX + "/streams")
@Tag(name = "Streams", description = "Kinesis data streams")
class StreamsResource {
    private final StreamService streams;
    private final StreamViews views;
    private final ShardService shards;
    private final ReshardingService resharding;
    private final RestBodies bodies;

    StreamsResource(StreamService streams, StreamViews views, ShardService shards, ReshardingService resharding, RestBodies bodies) {
        this.streams = streams;
        this.views = views;
        this.shards = shards;
        this.resharding = resharding;
        this.bodies = bodies;
    }

    /** A stream: its summary and its shards, as DescribeStreamSummary and ListShards answer. */
    record StreamRepresentation(
            @JsonProperty("StreamDescriptionSummary") StreamDescriptionSummary summary,
            @JsonProperty("Shards") List<ShardView> shards) {
    }

    @RestAction(value = "kinesis:CreateStream", resource = RestAction.IN_BODY)
    @PostMapping
    @Operation(summary = "Create a stream", description = "The body is CreateStream's: StreamName, ShardCount or StreamModeDetails, Tags.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CreateStreamRequest.class))),
            responses = @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = StreamRepresentation.class))))
    ResponseEntity<byte[]> create(HttpServletRequest request) {
        CreateStreamRequest create = bodies.read(request, CreateStreamRequest.class);
        streams.create(create);
        return bodies.created(URI.create(RestApi.PREFIX + "/streams/" + create.streamName()), representation(create.streamName()));
    }

    @RestAction("kinesis:ListStreams")
    @GetMapping
    @Operation(summary = "List streams", description = "ListStreams' answer; page on with nextToken.",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = io.sluice.streams.stream.ListStreamsResponse.class))))
    ResponseEntity<byte[]> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String nextToken) {
        return bodies.ok(views.list(new ListStreamsRequest(limit, null, nextToken)));
    }

    @RestAction(value = "kinesis:DescribeStream", resource = "kinesis:stream/{name}")
    @GetMapping("/{name}")
    @Operation(summary = "Describe a stream", description = "Its summary (DescribeStreamSummary) and every shard (ListShards).",
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StreamRepresentation.class))))
    ResponseEntity<byte[]> describe(@PathVariable String name) {
        return bodies.ok(representation(name));
    }

    @RestAction(value = "kinesis:DeleteStream", resource = "kinesis:stream/{name}")
    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a stream", description = "The stream turns DELETING, then it is gone (202).")
    ResponseEntity<byte[]> delete(@PathVariable String name, @RequestParam(required = false) Boolean enforceConsumerDeletion) {
        streams.delete(new DeleteStreamRequest(name, null, enforceConsumerDeletion));
        return bodies.accepted(null);
    }

    @RestAction(value = "kinesis:UpdateShardCount", resource = "kinesis:stream/{name}")
    @PostMapping("/{name}/reshard")
    @Operation(summary = "Reshard to a shard count", description = "UpdateShardCount's TargetShardCount and ScalingType (UNIFORM_SCALING).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = UpdateShardCountRequest.class))),
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = io.sluice.streams.shard.UpdateShardCountResponse.class))))
    ResponseEntity<byte[]> reshard(@PathVariable String name, HttpServletRequest request) {
        UpdateShardCountRequest body = bodies.read(request, UpdateShardCountRequest.class);
        return bodies.ok(resharding.updateShardCount(new UpdateShardCountRequest(name, null, null, body.targetShardCount(), body.scalingType())));
    }

    @RestAction(value = "kinesis:SplitShard", resource = "kinesis:stream/{name}")
    @PostMapping("/{name}/shards/{shardId}/split")
    @Operation(summary = "Split a shard", description = "SplitShard's NewStartingHashKey.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = SplitShardRequest.class))))
    ResponseEntity<byte[]> split(@PathVariable String name, @PathVariable String shardId, HttpServletRequest request) {
        SplitShardRequest body = bodies.read(request, SplitShardRequest.class);
        resharding.split(new SplitShardRequest(name, null, null, shardId, body.newStartingHashKey()));
        return bodies.accepted(null);
    }

    @RestAction(value = "kinesis:MergeShards", resource = "kinesis:stream/{name}")
    @PostMapping("/{name}/shards/{shardId}/merge")
    @Operation(summary = "Merge a shard with its neighbour", description = "MergeShards' AdjacentShardToMerge.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = MergeShardsRequest.class))))
    ResponseEntity<byte[]> merge(@PathVariable String name, @PathVariable String shardId, HttpServletRequest request) {
        MergeShardsRequest body = bodies.read(request, MergeShardsRequest.class);
        resharding.merge(new MergeShardsRequest(name, null, null, shardId, body.adjacentShardToMerge()));
        return bodies.accepted(null);
    }

    private StreamRepresentation representation(String name) {
        StreamDescriptionSummary summary = views.describeSummary(new DescribeStreamSummaryRequest(name, null)).streamDescriptionSummary();
        List<ShardView> all = new ArrayList<>();
        String next = null;
        do {
            var page = shards.list(next == null ? new ListShardsRequest(name, null, null, null, null, null, null)
                    : new ListShardsRequest(null, null, next, null, null, null, null));
            all.addAll(page.shards());
            next = page.nextToken();
        } while (next != null);
        return new StreamRepresentation(summary, all);
    }
}
