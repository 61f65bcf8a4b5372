package io.sluice.firehose.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.endpoint.rest.RestAction;
import io.sluice.endpoint.rest.RestApi;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.endpoint.rest.RestData;
import io.sluice.firehose.delivery.CreateDeliveryStreamRequest;
import io.sluice.firehose.delivery.DeliveryStreamNameRequest;
import io.sluice.firehose.delivery.DeliveryStreamService;
import io.sluice.firehose.delivery.DescribeDeliveryStreamResponse;
import io.sluice.firehose.delivery.ListDeliveryStreamsRequest;
import io.sluice.firehose.delivery.ListDeliveryStreamsResponse;
import io.sluice.firehose.delivery.UpdateDestinationRequest;
import io.sluice.firehose.record.FirehoseRecord;
import io.sluice.firehose.record.PutRecordBatchRequest;
import io.sluice.firehose.record.PutRecordBatchResponse;
import io.sluice.firehose.record.PutRecordRequest;
import io.sluice.firehose.record.PutRecordResponse;
import io.sluice.firehose.record.RecordPuts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Delivery streams as REST resources, through the same services as the Firehose API: bodies are
 * the Firehose API's shapes, the delivery stream named by the path.
 */
@RestApi
@RequestMapping(RestApi.PREFIX + "/delivery-streams")
@Tag(name = "Delivery streams", description = "Firehose delivery streams and their records")
class DeliveryStreamsResource {
    private final DeliveryStreamService deliveryStreams;
    private final RecordPuts puts;
    private final RestBodies bodies;

    DeliveryStreamsResource(DeliveryStreamService deliveryStreams, RecordPuts puts, RestBodies bodies) {
        this.deliveryStreams = deliveryStreams;
        this.puts = puts;
        this.bodies = bodies;
    }

    /**
     * A record to put, or {@code Records} for a batch (PutRecordBatch's 500): its data as a JSON value
     * ({@code Data}: a document is stored as its compact JSON, a string as its text) or as base64.
     */
    record Put(@JsonProperty("Data") JsonNode data, @JsonProperty("DataBase64") byte[] dataBase64,
            @JsonProperty("Records") List<Put> records) {

        FirehoseRecord record() {
            return new FirehoseRecord(RestData.bytes(data, dataBase64));
        }
    }

    @RestAction(value = "firehose:CreateDeliveryStream", resource = RestAction.IN_BODY)
    @PostMapping
    @Operation(summary = "Create a delivery stream", description = "The body is CreateDeliveryStream's.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CreateDeliveryStreamRequest.class))),
            responses = @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = DescribeDeliveryStreamResponse.class))))
    ResponseEntity<byte[]> create(HttpServletRequest request) {
        CreateDeliveryStreamRequest create = bodies.read(request, CreateDeliveryStreamRequest.class);
        deliveryStreams.create(create);
        return bodies.created(URI.create(RestApi.PREFIX + "/delivery-streams/" + create.deliveryStreamName()),
                describe(create.deliveryStreamName()));
    }

    @RestAction("firehose:ListDeliveryStreams")
    @GetMapping
    @Operation(summary = "List delivery streams", description = "ListDeliveryStreams' answer.",
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ListDeliveryStreamsResponse.class))))
    ResponseEntity<byte[]> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String type,
            @RequestParam(required = false) String exclusiveStartDeliveryStreamName) {
        return bodies.ok(deliveryStreams.list(new ListDeliveryStreamsRequest(limit, type, exclusiveStartDeliveryStreamName)));
    }

    @RestAction(value = "firehose:DescribeDeliveryStream", resource = "firehose:deliverystream/{name}")
    @GetMapping("/{name}")
    @Operation(summary = "Describe a delivery stream", description = "DescribeDeliveryStream's answer.",
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DescribeDeliveryStreamResponse.class))))
    ResponseEntity<byte[]> describeOne(@PathVariable String name) {
        return bodies.ok(describe(name));
    }

    @RestAction(value = "firehose:DeleteDeliveryStream", resource = "firehose:deliverystream/{name}")
    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a delivery stream", description = "It turns DELETING, then it is gone (202).")
    ResponseEntity<byte[]> delete(@PathVariable String name, @RequestParam(required = false) Boolean allowForceDelete) {
        deliveryStreams.delete(new DeliveryStreamNameRequest(name, null, null, allowForceDelete));
        return bodies.accepted(null);
    }

    @RestAction(value = "firehose:UpdateDestination", resource = "firehose:deliverystream/{name}")
    @PutMapping("/{name}/destination")
    @Operation(summary = "Update the destination", description = "UpdateDestination's body: CurrentDeliveryStreamVersionId, "
            + "DestinationId and the S3 destination update.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = UpdateDestinationRequest.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DescribeDeliveryStreamResponse.class))))
    ResponseEntity<byte[]> updateDestination(@PathVariable String name, HttpServletRequest request) {
        deliveryStreams.updateDestination(bodies.read(request, UpdateDestinationRequest.class, "DeliveryStreamName", name));
        return bodies.ok(describe(name));
    }

    @RestAction(value = "firehose:PutRecordBatch", resource = "firehose:deliverystream/{name}")
    @PostMapping("/{name}/records")
    @Operation(summary = "Put a record, or a batch", description = "One record (Data as JSON or DataBase64) answers as PutRecord; "
            + "Records, a list of them, as PutRecordBatch.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = Put.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(oneOf = {
                    PutRecordResponse.class, PutRecordBatchResponse.class}))))
    ResponseEntity<byte[]> put(@PathVariable String name, HttpServletRequest request) {
        Put put = bodies.read(request, Put.class);
        if (put.records() != null) {
            return bodies.ok(puts.putRecordBatch(new PutRecordBatchRequest(name,
                    put.records().stream().map(r -> r == null ? null : r.record()).toList())));
        }
        return bodies.ok(puts.putRecord(new PutRecordRequest(name, put.record())));
    }

    private DescribeDeliveryStreamResponse describe(String name) {
        return deliveryStreams.describe(new DeliveryStreamNameRequest(name, null, null, null));
    }
}
