package io.sluice.analytics.rest;

import io.sluice.analytics.application.ApplicationRequests.ApplicationNameRequest;
import io.sluice.analytics.application.ApplicationRequests.CreateApplicationRequest;
import io.sluice.analytics.application.ApplicationRequests.DeleteApplicationRequest;
import io.sluice.analytics.application.ApplicationRequests.DescribeApplicationResponse;
import io.sluice.analytics.application.ApplicationService;
import io.sluice.analytics.application.ListApplicationsRequest;
import io.sluice.analytics.application.ListApplicationsResponse;
import io.sluice.analytics.engine.ApplicationRunner;
import io.sluice.analytics.engine.InAppStreamTails;
import io.sluice.endpoint.rest.RestAction;
import io.sluice.endpoint.rest.RestApi;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.endpoint.rest.RestTails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Kinesis Analytics applications as REST resources, through the same services as the Kinesis
 * Analytics API: create, list, describe, delete, start and stop (the API's bodies), and a live tail
 * of an in-application stream as server-sent events.
 */
@RestApi
@RequestMapping(RestApi.PREFIX + "/applications")
@Tag(name = "Applications", description = "Kinesis Analytics SQL applications")
class ApplicationsResource {
    static final Duration TAIL_LASTS = Duration.ofMinutes(30);

    private final ApplicationService applications;
    private final ApplicationRunner runner;
    private final InAppStreamTails tails;
    private final RestTails restTails;
    private final RestBodies bodies;

    ApplicationsResource(ApplicationService applications, ApplicationRunner runner, InAppStreamTails tails, RestTails restTails,
            RestBodies bodies) {
        this.applications = applications;
        this.runner = runner;
        this.tails = tails;
        this.restTails = restTails;
        this.bodies = bodies;
    }

    @RestAction(value = "kinesisanalytics:CreateApplication", resource = RestAction.IN_BODY)
    @PostMapping
    @Operation(summary = "Create an application", description = "The body is CreateApplication's: ApplicationName, ApplicationCode, "
            + "Inputs, Outputs, Tags.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CreateApplicationRequest.class))),
            responses = @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = DescribeApplicationResponse.class))))
    ResponseEntity<byte[]> create(HttpServletRequest request) {
        CreateApplicationRequest create = bodies.read(request, CreateApplicationRequest.class);
        applications.create(create);
        return bodies.created(URI.create(RestApi.PREFIX + "/applications/" + create.applicationName()), describe(create.applicationName()));
    }

    @RestAction("kinesisanalytics:ListApplications")
    @GetMapping
    @Operation(summary = "List applications", responses = @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = ListApplicationsResponse.class))))
    ResponseEntity<byte[]> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String exclusiveStartApplicationName) {
        return bodies.ok(applications.list(new ListApplicationsRequest(limit, exclusiveStartApplicationName)));
    }

    @RestAction(value = "kinesisanalytics:DescribeApplication", resource = "kinesisanalytics:application/{name}")
    @GetMapping("/{name}")
    @Operation(summary = "Describe an application", responses = @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = DescribeApplicationResponse.class))))
    ResponseEntity<byte[]> describeOne(@PathVariable String name) {
        return bodies.ok(describe(name));
    }

    @RestAction(value = "kinesisanalytics:DeleteApplication", resource = "kinesisanalytics:application/{name}")
    @DeleteMapping("/{name}")
    @Operation(summary = "Delete an application", description = "A running one's job is halted first.")
    ResponseEntity<byte[]> delete(@PathVariable String name) {
        applications.delete(new DeleteApplicationRequest(name, describe(name).applicationDetail().createTimestamp()));
        return bodies.ok(null);
    }

    @RestAction(value = "kinesisanalytics:StartApplication", resource = "kinesisanalytics:application/{name}")
    @PostMapping("/{name}/start")
    @Operation(summary = "Start an application", description = "StartApplication's InputConfigurations: each input's Id and "
            + "InputStartingPositionConfiguration (NOW, TRIM_HORIZON, LAST_STOPPED_POINT). It turns STARTING, then RUNNING.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = ApplicationRunner.StartApplicationRequest.class))))
    ResponseEntity<byte[]> start(@PathVariable String name, HttpServletRequest request) {
        runner.start(bodies.read(request, ApplicationRunner.StartApplicationRequest.class, "ApplicationName", name));
        return bodies.accepted(describe(name));
    }

    @RestAction(value = "kinesisanalytics:StopApplication", resource = "kinesisanalytics:application/{name}")
    @PostMapping("/{name}/stop")
    @Operation(summary = "Stop an application", description = "Its job stops with a savepoint (LAST_STOPPED_POINT resumes from it).")
    ResponseEntity<byte[]> stop(@PathVariable String name) {
        runner.stop(new ApplicationRunner.StopApplicationRequest(name));
        return bodies.accepted(describe(name));
    }

    @RestAction(value = "kinesisanalytics:DescribeApplication", resource = "kinesisanalytics:application/{name}")
    @GetMapping(path = "/{name}/streams/{stream}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow an in-application stream live", description = "Server-sent events, a 'row' event per row from now "
            + "on: an input's stream (<NamePrefix>_001) shows its source's new records as the input schema reads them, an output's "
            + "stream (its Name) the records written to its destination.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(type = "string", description = "server-sent events"))))
    SseEmitter tail(@PathVariable String name, @PathVariable String stream) {
        return restTails.open(TAIL_LASTS, "rows of " + stream + " from now on", () -> tails.follow(name, stream));
    }

    private DescribeApplicationResponse describe(String name) {
        return applications.describe(new ApplicationNameRequest(name));
    }
}
