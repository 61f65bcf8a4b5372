package io.sluice.analytics.application;

import io.sluice.analytics.application.ApplicationRequests.ChangeRequest;
import io.sluice.analytics.application.Shapes.CloudWatchLoggingOptionDescription;
import io.sluice.analytics.application.Shapes.InputDescription;
import io.sluice.analytics.application.Shapes.InputProcessingConfigurationDescription;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.analytics.application.Shapes.ReferenceDataSourceDescription;
import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.endpoint.CallerScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The changes made at the application's current version: Add/DeleteApplicationOutput,
 * AddApplicationInput, Add/DeleteApplicationReferenceDataSource,
 * Add/DeleteApplicationInputProcessingConfiguration, Add/DeleteApplicationCloudWatchLoggingOption
 * (UpdateApplication in {@link ApplicationUpdates}). Each names the version it was read at
 * (CurrentApplicationVersionId; another gets ConcurrentModificationException), takes the
 * version one up, and gives what it adds the id {@code <new version>.1}. Changes are made while
 * the application is READY or RUNNING.
 */
@Service
public class ApplicationChanges {
    private static final Set<String> CHANGEABLE = Set.of(Application.READY, Application.RUNNING);

    private final ApplicationStore store;
    private final CallerScope callers;
    private final ApplicationParts parts;
    private final ApplicationJobs jobs;
    private final Clock clock;

    ApplicationChanges(ApplicationStore store, CallerScope callers, ApplicationParts parts, ApplicationJobs jobs, Clock clock) {
        this.store = store;
        this.callers = callers;
        this.parts = parts;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** @throws AwsException ValidationException, ResourceNotFoundException, ConcurrentModificationException, InvalidArgumentException */
    public void addInput(ChangeRequest request) {
        Caller caller = callers.current();
        change(request, ApplicationChecks.input(versioned(request), "input", request.input()), (application, id) -> {
            if (!application.configuration().inputs().isEmpty()) {
                throw ApplicationChecks.invalid("Application " + application.name() + " already has an input; an application has at most one.");
            }
            return application.configuration().withInputs(List.of(parts.input(caller, request.input(), id,
                    new Shapes.InputStartingPositionConfiguration(null))));
        });
    }

    public void addOutput(ChangeRequest request) {
        Caller caller = callers.current();
        change(request, ApplicationChecks.output(versioned(request), "output", request.output()), (application, id) ->
                application.configuration().withOutputs(plus(application.configuration().outputs(), parts.output(caller, request.output(), id))));
    }

    public void deleteOutput(ChangeRequest request) {
        change(request, id(versioned(request), "outputId", request.outputId()),
                (application, id) -> application.configuration().withOutputs(
                        without(application.configuration().outputs(), o -> o.outputId().equals(request.outputId()), "Output", request.outputId())));
    }

    public void addReferenceDataSource(ChangeRequest request) {
        Caller caller = callers.current();
        change(request, ApplicationChecks.reference(versioned(request), "referenceDataSource", request.referenceDataSource()),
                (application, id) -> application.configuration().withReferences(
                        plus(application.configuration().references(), parts.reference(caller, request.referenceDataSource(), id))));
    }

    public void deleteReferenceDataSource(ChangeRequest request) {
        change(request, id(versioned(request), "referenceId", request.referenceId()),
                (application, id) -> application.configuration().withReferences(without(application.configuration().references(),
                        r -> r.referenceId().equals(request.referenceId()), "Reference data source", request.referenceId())));
    }

    public void addInputProcessingConfiguration(ChangeRequest request) {
        Violations violations = id(versioned(request), "inputId", request.inputId())
                .notNull("inputProcessingConfiguration", request.inputProcessingConfiguration());
        if (request.inputProcessingConfiguration() != null) {
            violations.notNull("inputProcessingConfiguration.inputLambdaProcessor", request.inputProcessingConfiguration().lambda());
            ApplicationChecks.resourceRole(violations, "inputProcessingConfiguration.inputLambdaProcessor",
                    request.inputProcessingConfiguration().lambda());
        }
        change(request, violations, (application, id) -> withInput(application, request.inputId(),
                input -> processing(input, new InputProcessingConfigurationDescription(request.inputProcessingConfiguration().lambda()))));
    }

    public void deleteInputProcessingConfiguration(ChangeRequest request) {
        change(request, id(versioned(request), "inputId", request.inputId()),
                (application, id) -> withInput(application, request.inputId(), input -> processing(input, null)));
    }

    public void addCloudWatchLoggingOption(ChangeRequest request) {
        change(request, ApplicationChecks.logging(versioned(request), "cloudWatchLoggingOption", request.cloudWatchLoggingOption()),
                (application, id) -> application.configuration().withLogging(plus(application.configuration().logging(),
                        new CloudWatchLoggingOptionDescription(id, request.cloudWatchLoggingOption().logStreamArn(),
                                request.cloudWatchLoggingOption().roleArn()))));
    }

    public void deleteCloudWatchLoggingOption(ChangeRequest request) {
        change(request, id(versioned(request), "cloudWatchLoggingOptionId", request.cloudWatchLoggingOptionId()),
                (application, id) -> application.configuration().withLogging(without(application.configuration().logging(),
                        o -> o.id().equals(request.cloudWatchLoggingOptionId()), "CloudWatch logging option", request.cloudWatchLoggingOptionId())));
    }

    /** How a change makes the new configuration from the application and the id of what it adds. */
    interface Change {
        Application.Configuration apply(Application application, String newId);
    }

    /**
     * Checks a versioned request, then applies {@code change} to the application under the store's
     * lock: its status must allow changes and its version must be the one the request names.
     */
    void change(ChangeRequest request, Violations violations, Change change) {
        violations.raise();
        changeAt(request.applicationName(), request.currentApplicationVersionId(),
                application -> application.changed(application.code(), change.apply(application, (application.versionId() + 1) + ".1"), clock.instant()));
    }

    /**
     * Applies {@code change} to the application at {@code version}. A running application turns
     * UPDATING, and the engine replaces its job with one of the new configuration.
     */
    void changeAt(String name, long version, Function<Application, Application> change) {
        Caller caller = callers.current();
        Application changed = store.update(caller, name, application -> {
            if (!CHANGEABLE.contains(application.status())) {
                throw new AwsException(ErrorCode.RESOURCE_IN_USE, "Application " + name + " is " + application.status()
                        + "; it can be changed when it is READY or RUNNING.");
            }
            if (application.versionId() != version) {
                throw new AwsException(ErrorCode.CONCURRENT_MODIFICATION, "Application " + name + " is at version "
                        + application.versionId() + ", not at the CurrentApplicationVersionId " + version + " given.");
            }
            Application result = change.apply(application);
            ApplicationParts.checkLimits(result.configuration());
            if (!result.code().equals(application.code()) || !result.configuration().inputs().equals(application.configuration().inputs())) {
                ApplicationParts.checkCode(result.code(), result.configuration());
            }
            return Application.RUNNING.equals(result.status()) ? result.withStatus(Application.UPDATING, result.updatedAt()) : result;
        }).orElseThrow(() -> ApplicationService.notFound(name));
        if (Application.UPDATING.equals(changed.status())) {
            jobs.changed(changed);
        }
    }

    /** The model's constraints of a request naming an application and its current version. */
    static Violations versioned(ChangeRequest request) {
        return versioned(request.applicationName(), request.currentApplicationVersionId());
    }

    /** The model's constraints on an id member (input, output, reference, logging option): required, 1–50, its pattern. */
    private static Violations id(Violations violations, String field, String value) {
        return violations.notNull(field, value).length(field, value, 1, 50).pattern(field, value, ApplicationChecks.ID);
    }

    static Violations versioned(String name, Long version) {
        return ApplicationService.name(name).notNull("currentApplicationVersionId", version)
                .range("currentApplicationVersionId", version, 1, 999_999_999);
    }

    private static Application.Configuration withInput(Application application, String inputId, Function<InputDescription, InputDescription> change) {
        List<InputDescription> inputs = new ArrayList<>();
        boolean found = false;
        for (InputDescription input : application.configuration().inputs()) {
            found |= input.inputId().equals(inputId);
            inputs.add(input.inputId().equals(inputId) ? change.apply(input) : input);
        }
        if (!found) {
            throw missing("Input", inputId);
        }
        return application.configuration().withInputs(inputs);
    }

    private static InputDescription processing(InputDescription input, InputProcessingConfigurationDescription processing) {
        return new InputDescription(input.inputId(), input.namePrefix(), input.inAppStreamNames(), processing, input.kinesisStreams(),
                input.kinesisFirehose(), input.schema(), input.parallelism(), input.startingPosition());
    }

    static <T> List<T> plus(List<T> list, T added) {
        List<T> all = new ArrayList<>(list);
        all.add(added);
        return all;
    }

    static <T> List<T> without(List<T> list, Predicate<T> removed, String what, String id) {
        List<T> rest = list.stream().filter(removed.negate()).toList();
        if (rest.size() == list.size()) {
            throw missing(what, id);
        }
        return rest;
    }

    static AwsException missing(String what, String id) {
        return new AwsException(ErrorCode.RESOURCE_NOT_FOUND, what + " " + id + " is not found in the application.");
    }
}
