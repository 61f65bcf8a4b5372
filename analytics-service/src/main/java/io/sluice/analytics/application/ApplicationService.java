package io.sluice.analytics.application;

import io.sluice.analytics.application.ApplicationRequests.ApplicationDetail;
import io.sluice.analytics.application.ApplicationRequests.ApplicationNameRequest;
import io.sluice.analytics.application.ApplicationRequests.CreateApplicationRequest;
import io.sluice.analytics.application.ApplicationRequests.CreateApplicationResponse;
import io.sluice.analytics.application.ApplicationRequests.DeleteApplicationRequest;
import io.sluice.analytics.application.ApplicationRequests.DescribeApplicationResponse;
import io.sluice.analytics.application.Shapes.CloudWatchLoggingOptionDescription;
import io.sluice.analytics.application.Shapes.InputDescription;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.protocol.Paging;
import io.sluice.common.tag.TagRules;
import io.sluice.endpoint.CallerScope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** The caller's applications: CreateApplication, DescribeApplication, ListApplications, DeleteApplication. */
@Service
public class ApplicationService {
    /** The model's ApplicationName. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** The model's ListApplicationsInputLimit allows 50; that many are listed without a Limit. */
    private static final int MAX_LIMIT = 50;
    /** Applications an account has in a region (the KDA quota). */
    static final int MAX_APPLICATIONS = 50;

    private final ApplicationStore store;
    private final CallerScope callers;
    private final ApplicationParts parts;
    private final ApplicationJobs jobs;
    private final Clock clock;

    ApplicationService(ApplicationStore store, CallerScope callers, ApplicationParts parts, ApplicationJobs jobs, Clock clock) {
        this.store = store;
        this.callers = callers;
        this.parts = parts;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Creates a READY application at version 1 with its input, outputs and logging options (ids
     * {@code 1.1}, {@code 1.2}, … in each kind).
     *
     * @throws AwsException ValidationException, InvalidArgumentException, ResourceInUseException (the
     *     name is taken), LimitExceededException (50 applications), TooManyTagsException
     */
    public CreateApplicationResponse create(CreateApplicationRequest request) {
        Violations violations = name(request.applicationName())
                .length("applicationDescription", request.applicationDescription(), 0, 1024)
                .length("applicationCode", request.applicationCode(), 0, ApplicationChecks.MAX_CODE)
                .size("tags", request.tags(), 1, 200);
        each(request.inputs(), (input, i) -> ApplicationChecks.input(violations, "inputs." + i + ".member", input));
        each(request.outputs(), (output, i) -> ApplicationChecks.output(violations, "outputs." + i + ".member", output));
        each(request.cloudWatchLoggingOptions(),
                (option, i) -> ApplicationChecks.logging(violations, "cloudWatchLoggingOptions." + i + ".member", option));
        violations.raise();
        Caller caller = callers.current();
        Map<String, String> tags = request.tags() == null ? Map.of() : TagRules.KINESIS_ANALYTICS.checkMembers(request.tags().stream()
                .map(t -> new AbstractMap.SimpleImmutableEntry<>(t.key(), t.value())).toList());
        TagRules.KINESIS_ANALYTICS.check(tags);
        List<InputDescription> inputs = new ArrayList<>();
        for (var input : Objects.requireNonNullElse(request.inputs(), List.<Shapes.Input>of())) {
            inputs.add(parts.input(caller, input, "1." + (inputs.size() + 1), new Shapes.InputStartingPositionConfiguration(null)));
        }
        List<OutputDescription> outputs = new ArrayList<>();
        for (var output : Objects.requireNonNullElse(request.outputs(), List.<Shapes.Output>of())) {
            outputs.add(parts.output(caller, output, "1." + (outputs.size() + 1)));
        }
        List<CloudWatchLoggingOptionDescription> logging = new ArrayList<>();
        for (var option : Objects.requireNonNullElse(request.cloudWatchLoggingOptions(), List.<Shapes.CloudWatchLoggingOption>of())) {
            logging.add(new CloudWatchLoggingOptionDescription("1." + (logging.size() + 1), option.logStreamArn(), option.roleArn()));
        }
        Application.Configuration configuration = new Application.Configuration(inputs, outputs, List.of(), logging);
        ApplicationParts.checkLimits(configuration);
        ApplicationParts.checkCode(request.applicationCode(), configuration);
        if (store.count(caller) >= MAX_APPLICATIONS) {
            throw new AwsException(ErrorCode.LIMIT_EXCEEDED, "Exceeded the number of applications allowed: an account may have "
                    + MAX_APPLICATIONS + " applications in a region.");
        }
        // Times to the millisecond, as the store keeps them and DeleteApplication compares them.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Application application = new Application(caller, request.applicationName(), Application.READY, 1, now, now,
                request.applicationDescription(), request.applicationCode(), configuration, tags);
        if (!store.create(application)) {
            throw new AwsException(ErrorCode.RESOURCE_IN_USE, "Application " + request.applicationName() + " already exists.");
        }
        return new CreateApplicationResponse(new ListApplicationsResponse.ApplicationSummary(application.name(),
                application.arn().toString(), application.status()));
    }

    /** @throws AwsException ValidationException, ResourceNotFoundException */
    public DescribeApplicationResponse describe(ApplicationNameRequest request) {
        name(request.applicationName()).raise();
        return new DescribeApplicationResponse(ApplicationDetail.of(find(callers.current(), request.applicationName())));
    }

    /**
     * Deletes an application, halting its job if it runs; its CreateTimestamp must be the one
     * DescribeApplication gives.
     *
     * @throws AwsException ValidationException, ResourceNotFoundException, ConcurrentModificationException
     *     (another CreateTimestamp: the application of that name is not the one meant)
     */
    public void delete(DeleteApplicationRequest request) {
        name(request.applicationName()).notNull("createTimestamp", request.createTimestamp()).raise();
        Caller caller = callers.current();
        Application application = find(caller, request.applicationName());
        if (!application.createdAt().truncatedTo(ChronoUnit.MILLIS).equals(request.createTimestamp().truncatedTo(ChronoUnit.MILLIS))) {
            throw new AwsException(ErrorCode.CONCURRENT_MODIFICATION, "Application " + request.applicationName()
                    + " was created at " + application.createdAt() + ", not at " + request.createTimestamp() + ".");
        }
        if (!store.delete(caller, request.applicationName())) {
            throw notFound(request.applicationName());
        }
        jobs.cancel(application);
    }

    /**
     * The caller's applications in name order, after ExclusiveStartApplicationName.
     *
     * @throws AwsException ValidationException for values outside the model's constraints
     */
    public ListApplicationsResponse list(ListApplicationsRequest request) {
        Violations.check()
                .range("limit", request.limit(), 1, MAX_LIMIT)
                .length("exclusiveStartApplicationName", request.exclusiveStartApplicationName(), 1, 128)
                .pattern("exclusiveStartApplicationName", request.exclusiveStartApplicationName(), NAME)
                .raise();
        Caller caller = callers.current();
        int limit = request.limit() == null ? MAX_LIMIT : request.limit();
        String after = Objects.requireNonNullElse(request.exclusiveStartApplicationName(), "");
        Paging.Page<Application> page = Paging.page(store.list(caller, after, limit + 1), limit);
        return new ListApplicationsResponse(page.items().stream()
                .map(a -> new ListApplicationsResponse.ApplicationSummary(a.name(), a.arn().toString(), a.status()))
                .toList(), page.hasMore());
    }

    private Application find(Caller caller, String name) {
        return store.find(caller, name).orElseThrow(() -> notFound(name));
    }

    /** The model's constraints of an ApplicationName. */
    public static Violations name(String name) {
        return Violations.check().notNull("applicationName", name).length("applicationName", name, 1, 128)
                .pattern("applicationName", name, NAME);
    }

    public static AwsException notFound(String name) {
        return new AwsException(ErrorCode.RESOURCE_NOT_FOUND, "Application " + name + " is not found.");
    }

    /** Calls {@code check} with each member and its 1-based position (as AWS's member paths count). */
    static <T> void each(List<T> members, java.util.function.ObjIntConsumer<T> check) {
        if (members != null) {
            for (int i = 0; i < members.size(); i++) {
                check.accept(members.get(i), i + 1);
            }
        }
    }
}
