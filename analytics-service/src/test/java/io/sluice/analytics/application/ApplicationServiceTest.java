package io.sluice.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.analytics.application.ApplicationRequests.ApplicationDetail;
import io.sluice.analytics.application.ApplicationRequests.ApplicationNameRequest;
import io.sluice.analytics.application.ApplicationRequests.ApplicationUpdate;
import io.sluice.analytics.application.ApplicationRequests.ChangeRequest;
import io.sluice.analytics.application.ApplicationRequests.CreateApplicationRequest;
import io.sluice.analytics.application.ApplicationRequests.DeleteApplicationRequest;
import io.sluice.analytics.application.ApplicationRequests.TagResourceRequest;
import io.sluice.analytics.application.ApplicationRequests.UpdateApplicationRequest;
import io.sluice.analytics.application.Shapes.CloudWatchLoggingOption;
import io.sluice.analytics.application.Shapes.CsvMappingParameters;
import io.sluice.analytics.application.Shapes.DestinationSchema;
import io.sluice.analytics.application.Shapes.Input;
import io.sluice.analytics.application.Shapes.InputParallelism;
import io.sluice.analytics.application.Shapes.InputParallelismUpdate;
import io.sluice.analytics.application.Shapes.InputProcessingConfiguration;
import io.sluice.analytics.application.Shapes.InputUpdate;
import io.sluice.analytics.application.Shapes.JsonMappingParameters;
import io.sluice.analytics.application.Shapes.MappingParameters;
import io.sluice.analytics.application.Shapes.Output;
import io.sluice.analytics.application.Shapes.RecordColumn;
import io.sluice.analytics.application.Shapes.RecordFormat;
import io.sluice.analytics.application.Shapes.ReferenceDataSource;
import io.sluice.analytics.application.Shapes.ResourceRole;
import io.sluice.analytics.application.Shapes.S3ReferenceDataSource;
import io.sluice.analytics.application.Shapes.SourceSchema;
import io.sluice.analytics.application.Shapes.Tag;
import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.endpoint.CallerScope;
import io.sluice.kafka.directory.StreamLocation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The application operations over the in-memory twin of the store and a stream directory that knows "in" and "out". */
class ApplicationServiceTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private final Caller caller = new Caller("000000000000", "eu-west-1");
    private final MemoryApplicationStore store = new MemoryApplicationStore();
    private final CallerScope callers = new CallerScope(caller);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00.123456Z"), ZoneOffset.UTC);
    private final ApplicationParts parts = new ApplicationParts((owner, name) -> List.of("in", "out").contains(name)
            ? Optional.of(new StreamLocation(name, stream(name), "topic", "ACTIVE", List.of(), Map.of())) : Optional.empty());
    /** What the engine was asked to do: "cancel <name>", "changed <name> <status>". */
    private final List<String> jobEvents = new java.util.ArrayList<>();
    private final ApplicationJobs jobs = new ApplicationJobs() {
        @Override
        public void cancel(Application application) {
            jobEvents.add("cancel " + application.name());
        }

        @Override
        public void changed(Application application) {
            jobEvents.add("changed " + application.name() + " " + application.status());
        }
    };
    private final ApplicationService service = new ApplicationService(store, callers, parts, jobs, clock);
    private final ApplicationChanges changes = new ApplicationChanges(store, callers, parts, jobs, clock);
    private final ApplicationUpdates updates = new ApplicationUpdates(changes, parts, callers, clock);
    private final ApplicationTags tags = new ApplicationTags(store, callers);

    private String stream(String name) {
        return "arn:aws:kinesis:eu-west-1:000000000000:stream/" + name;
    }

    private static SourceSchema json(RecordColumn... columns) {
        return new SourceSchema(new RecordFormat("JSON", new MappingParameters(new JsonMappingParameters("$"), null)), "UTF-8", List.of(columns));
    }

    private Input input(String stream, int parallelism) {
        return new Input("SOURCE_SQL_STREAM", null, new ResourceRole(stream(stream), ROLE), null, new InputParallelism(parallelism),
                json(new RecordColumn("TICKER", "$.ticker", "VARCHAR(4)"), new RecordColumn("PRICE", "$.price", "DOUBLE")));
    }

    private Output output(String name) {
        return new Output(name, new ResourceRole(stream("out"), ROLE), null, null, new DestinationSchema("JSON"));
    }

    private CreateApplicationRequest create(String name, List<Input> inputs, List<Output> outputs) {
        return new CreateApplicationRequest(name, "counts", inputs, outputs,
                List.of(new CloudWatchLoggingOption("arn:aws:logs:eu-west-1:000000000000:log-group:g:log-stream:s", ROLE)),
                "CREATE OR REPLACE STREAM \"DEST\" (TICKER VARCHAR(4));", List.of(new Tag("team", "data")));
    }

    private ApplicationDetail describe(String name) {
        return service.describe(new ApplicationNameRequest(name)).applicationDetail();
    }

    private static ChangeRequest change(String name, long version, Output output, ReferenceDataSource reference, String outputId, String referenceId) {
        return new ChangeRequest(name, version, null, output, reference, null, null, null, outputId, referenceId, null);
    }

    private static void fails(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    @Test
    void createsAReadyApplicationAtVersionOneWithItsPartsNumberedAsKdaDoes() {
        var summary = service.create(create("counts", List.of(input("in", 2)), List.of(output("DEST"), output("DEST2")))).summary();
        assertThat(summary.applicationStatus()).isEqualTo("READY");
        assertThat(summary.applicationArn()).isEqualTo("arn:aws:kinesisanalytics:eu-west-1:000000000000:application/counts");

        ApplicationDetail detail = describe("counts");
        assertThat(detail.applicationVersionId()).isEqualTo(1);
        assertThat(detail.createTimestamp()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123Z"));
        assertThat(detail.applicationDescription()).isEqualTo("counts");
        assertThat(detail.applicationCode()).startsWith("CREATE OR REPLACE STREAM");
        assertThat(detail.inputDescriptions()).singleElement().satisfies(input -> {
            assertThat(input.inputId()).isEqualTo("1.1");
            assertThat(input.inAppStreamNames()).containsExactly("SOURCE_SQL_STREAM_001", "SOURCE_SQL_STREAM_002");
            assertThat(input.kinesisStreams().resourceArn()).isEqualTo(stream("in"));
            assertThat(input.startingPosition().position()).isNull();
        });
        assertThat(detail.outputDescriptions()).extracting(Shapes.OutputDescription::outputId).containsExactly("1.1", "1.2");
        assertThat(detail.cloudWatchLoggingOptionDescriptions()).extracting(Shapes.CloudWatchLoggingOptionDescription::id).containsExactly("1.1");

        fails(ErrorCode.RESOURCE_IN_USE, () -> service.create(create("counts", List.of(), List.of())));
        fails(ErrorCode.RESOURCE_NOT_FOUND, () -> describe("nothing"));
    }

    @Test
    void refusesWhatKdaRefuses() {
        fails(ErrorCode.VALIDATION, () -> service.create(create("bad name", List.of(), List.of())));
        fails(ErrorCode.VALIDATION, () -> service.create(create("x", List.of(input("in", 65)), List.of())));
        fails(ErrorCode.VALIDATION, () -> service.create(new CreateApplicationRequest("x", null, null, null, null, "x".repeat(102_401), null)));
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(input("in", 1), input("in", 1)), List.of())));
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(), List.of(output("A"), output("B"), output("C"), output("D")))));
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(input("missing", 1)), List.of())));
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(), List.of(new Output("D", null, null,
                new ResourceRole("arn:aws:lambda:eu-west-1:000000000000:function:f", ROLE), new DestinationSchema("JSON"))))));
        Input twoSources = new Input("S", null, new ResourceRole(stream("in"), ROLE),
                new ResourceRole("arn:aws:firehose:eu-west-1:000000000000:deliverystream/d", ROLE), null, input("in", 1).schema());
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(twoSources), List.of())));
        Input otherAccount = new Input("S", null, new ResourceRole("arn:aws:kinesis:eu-west-1:111111111111:stream/in", ROLE), null, null,
                input("in", 1).schema());
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(otherAccount), List.of())));
        SourceSchema csvWithoutDelimiters = new SourceSchema(new RecordFormat("CSV", new MappingParameters(null, null)), null,
                List.of(new RecordColumn("A", null, "INTEGER")));
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(withSchema(csvWithoutDelimiters)), List.of())));
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(withSchema(json(new RecordColumn("A", "$.a", "VARCHAR")))),
                List.of())));
        fails(ErrorCode.INVALID_ARGUMENT, () -> service.create(create("x", List.of(withSchema(json(new RecordColumn("A", "$.a", "INTEGER"),
                new RecordColumn("a", "$.b", "INTEGER")))), List.of())));
        SourceSchema csv = new SourceSchema(new RecordFormat("CSV", new MappingParameters(null, new CsvMappingParameters("\n", ","))), null,
                List.of(new RecordColumn("A", null, "decimal(10, 2)"), new RecordColumn("B", null, "TIMESTAMP")));
        assertThat(service.create(create("csv", List.of(withSchema(csv)), List.of())).summary().applicationStatus()).isEqualTo("READY");
        assertThat(store.find(caller, "x")).as("nothing refused was kept").isEmpty();
    }

    private Input withSchema(SourceSchema schema) {
        return new Input("S", null, new ResourceRole(stream("in"), ROLE), null, null, schema);
    }

    @Test
    void fiftyApplicationsARegion() {
        IntStream.range(0, 50).forEach(i -> service.create(create("app" + i, List.of(), List.of())));
        fails(ErrorCode.LIMIT_EXCEEDED, () -> service.create(create("app50", List.of(), List.of())));
    }

    @Test
    void eachChangeNamesTheCurrentVersionAndTakesTheNextOne() {
        service.create(create("app", List.of(input("in", 1)), List.of(output("DEST"))));
        changes.addOutput(change("app", 1, output("DEST2"), null, null, null));
        assertThat(describe("app").applicationVersionId()).isEqualTo(2);
        assertThat(describe("app").outputDescriptions()).extracting(Shapes.OutputDescription::outputId).containsExactly("1.1", "2.1");
        fails(ErrorCode.CONCURRENT_MODIFICATION, () -> changes.addOutput(change("app", 1, output("DEST3"), null, null, null)));
        fails(ErrorCode.RESOURCE_NOT_FOUND, () -> changes.deleteOutput(change("app", 2, null, null, "9.9", null)));
        changes.deleteOutput(change("app", 2, null, null, "1.1", null));
        assertThat(describe("app").outputDescriptions()).extracting(Shapes.OutputDescription::name).containsExactly("DEST2");

        ReferenceDataSource reference = new ReferenceDataSource("COMPANIES",
                new S3ReferenceDataSource("arn:aws:s3:::lake", "companies.csv", ROLE), new SourceSchema(new RecordFormat("CSV",
                        new MappingParameters(null, new CsvMappingParameters("\n", ","))), null, List.of(new RecordColumn("TICKER", null, "VARCHAR(4)"))));
        changes.addReferenceDataSource(change("app", 3, null, reference, null, null));
        assertThat(describe("app").referenceDataSourceDescriptions()).extracting(Shapes.ReferenceDataSourceDescription::referenceId)
                .containsExactly("4.1");
        fails(ErrorCode.INVALID_ARGUMENT, () -> changes.addReferenceDataSource(change("app", 4, null, reference, null, null)));
        changes.deleteReferenceDataSource(change("app", 4, null, null, null, "4.1"));

        ResourceRole lambda = new ResourceRole("arn:aws:lambda:eu-west-1:000000000000:function:enrich", ROLE);
        changes.addInputProcessingConfiguration(new ChangeRequest("app", 5L, null, null, null, null, "1.1",
                new InputProcessingConfiguration(lambda), null, null, null));
        assertThat(describe("app").inputDescriptions().get(0).processing().lambda()).isEqualTo(lambda);
        fails(ErrorCode.RESOURCE_NOT_FOUND, () -> changes.deleteInputProcessingConfiguration(
                new ChangeRequest("app", 6L, null, null, null, null, "2.2", null, null, null, null)));
        changes.deleteInputProcessingConfiguration(new ChangeRequest("app", 6L, null, null, null, null, "1.1", null, null, null, null));
        assertThat(describe("app").inputDescriptions().get(0).processing()).isNull();
        fails(ErrorCode.INVALID_ARGUMENT, () -> changes.addInput(new ChangeRequest("app", 7L, input("in", 1), null, null, null, null, null,
                null, null, null)));
        assertThat(describe("app").applicationVersionId()).isEqualTo(7);

        assertThat(jobEvents).as("changes to a READY application need no job").isEmpty();

        store.update(caller, "app", a -> a.withStatus(Application.RUNNING, clock.instant()));
        changes.addOutput(change("app", 7, output("DEST4"), null, null, null));
        assertThat(describe("app").applicationStatus()).isEqualTo("UPDATING");
        assertThat(jobEvents).containsExactly("changed app UPDATING");
        fails(ErrorCode.RESOURCE_IN_USE, () -> changes.addOutput(change("app", 8, output("DEST5"), null, null, null)));

        store.update(caller, "app", a -> a.withStatus(Application.STARTING, clock.instant()));
        fails(ErrorCode.RESOURCE_IN_USE, () -> changes.addOutput(change("app", 8, output("DEST5"), null, null, null)));
    }

    @Test
    void updateChangesCodeAndPartsInOneVersion() {
        service.create(create("app", List.of(input("in", 1)), List.of(output("DEST"))));
        updates.update(new UpdateApplicationRequest("app", 1L, new ApplicationUpdate(List.of(new InputUpdate("1.1", "IN", null, null, null, null,
                new InputParallelismUpdate(3))), "SELECT 1;", null, null, null)));
        ApplicationDetail detail = describe("app");
        assertThat(detail.applicationVersionId()).isEqualTo(2);
        assertThat(detail.applicationCode()).isEqualTo("SELECT 1;");
        assertThat(detail.inputDescriptions().get(0).inputId()).isEqualTo("1.1");
        assertThat(detail.inputDescriptions().get(0).inAppStreamNames()).containsExactly("IN_001", "IN_002", "IN_003");
        assertThat(detail.outputDescriptions()).extracting(Shapes.OutputDescription::name).containsExactly("DEST");
        fails(ErrorCode.RESOURCE_NOT_FOUND, () -> updates.update(new UpdateApplicationRequest("app", 2L, new ApplicationUpdate(
                List.of(new InputUpdate("7.1", "X", null, null, null, null, null)), null, null, null, null))));
        fails(ErrorCode.CONCURRENT_MODIFICATION, () -> updates.update(new UpdateApplicationRequest("app", 1L,
                new ApplicationUpdate(null, "SELECT 2;", null, null, null))));
        assertThat(describe("app").applicationVersionId()).as("refused updates change nothing").isEqualTo(2);
    }

    @Test
    void deletesOnlyTheApplicationCreatedAtTheTimestampGiven() {
        service.create(create("app", List.of(), List.of()));
        Instant created = describe("app").createTimestamp();
        fails(ErrorCode.CONCURRENT_MODIFICATION, () -> service.delete(new DeleteApplicationRequest("app", created.plusSeconds(1))));
        assertThat(jobEvents).isEmpty();
        service.delete(new DeleteApplicationRequest("app", created));
        assertThat(jobEvents).as("its job, if it runs, is halted").containsExactly("cancel app");
        fails(ErrorCode.RESOURCE_NOT_FOUND, () -> describe("app"));
        fails(ErrorCode.RESOURCE_NOT_FOUND, () -> service.delete(new DeleteApplicationRequest("app", created)));
    }

    @Test
    void tagsUpToFiftyWithoutChangingTheVersion() {
        service.create(create("app", List.of(), List.of()));
        String arn = "arn:aws:kinesisanalytics:eu-west-1:000000000000:application/app";
        tags.tag(new TagResourceRequest(arn, List.of(new Tag("env", "prod")), null));
        assertThat(tags.list(new TagResourceRequest(arn, null, null)).tags()).containsExactly(new Tag("env", "prod"), new Tag("team", "data"));
        tags.untag(new TagResourceRequest(arn, null, List.of("team")));
        assertThat(tags.list(new TagResourceRequest(arn, null, null)).tags()).containsExactly(new Tag("env", "prod"));
        fails(ErrorCode.TOO_MANY_TAGS, () -> tags.tag(new TagResourceRequest(arn,
                IntStream.range(0, 50).mapToObj(i -> new Tag("k" + i, "v")).toList(), null)));
        fails(ErrorCode.RESOURCE_NOT_FOUND, () -> tags.list(new TagResourceRequest(
                "arn:aws:kinesisanalytics:eu-west-1:111111111111:application/app", null, null)));
        fails(ErrorCode.VALIDATION, () -> tags.list(new TagResourceRequest("arn:aws:kinesis:eu-west-1:000000000000:stream/app", null, null)));
        assertThat(describe("app").applicationVersionId()).isEqualTo(1);
    }

    @Test
    void summariesCarryTheArnOfTheCallersRegionAndPageByName() {
        store.create(new Application(caller, "b", "RUNNING", 1, Instant.now()));
        store.create(new Application(caller, "a", "READY", 1, Instant.now()));
        store.create(new Application(new Caller("000000000000", "us-east-1"), "other-region", "READY", 1, Instant.now()));
        ListApplicationsResponse first = service.list(new ListApplicationsRequest(1, null));
        assertThat(first.applicationSummaries()).containsExactly(new ListApplicationsResponse.ApplicationSummary(
                "a", "arn:aws:kinesisanalytics:eu-west-1:000000000000:application/a", "READY"));
        assertThat(first.hasMoreApplications()).isTrue();
        ListApplicationsResponse all = service.list(new ListApplicationsRequest(null, null));
        assertThat(all.applicationSummaries()).extracting(ListApplicationsResponse.ApplicationSummary::applicationName)
                .containsExactly("a", "b");
        assertThat(all.hasMoreApplications()).isFalse();
        fails(ErrorCode.VALIDATION, () -> service.list(new ListApplicationsRequest(0, null)));
    }
}
