package io.sluice.analytics.application;

import io.sluice.analytics.application.ApplicationRequests.ApplicationUpdate;
import io.sluice.analytics.application.ApplicationRequests.UpdateApplicationRequest;
import io.sluice.analytics.application.Shapes.CloudWatchLoggingOptionDescription;
import io.sluice.analytics.application.Shapes.CloudWatchLoggingOptionUpdate;
import io.sluice.analytics.application.Shapes.InputDescription;
import io.sluice.analytics.application.Shapes.InputUpdate;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.analytics.application.Shapes.OutputUpdate;
import io.sluice.analytics.application.Shapes.ReferenceDataSourceDescription;
import io.sluice.analytics.application.Shapes.ReferenceDataSourceUpdate;
import io.sluice.common.account.Caller;
import io.sluice.common.error.Violations;
import io.sluice.endpoint.CallerScope;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * UpdateApplication: code, inputs, outputs, reference data sources and logging options changed in
 * one step at the current version (the version goes up by one however much changes). What an
 * update names by id must exist; what it leaves out stays; the changed parts pass the same checks
 * as new ones.
 */
@Service
public class ApplicationUpdates {
    private final ApplicationChanges changes;
    private final ApplicationParts parts;
    private final CallerScope callers;
    private final Clock clock;

    ApplicationUpdates(ApplicationChanges changes, ApplicationParts parts, CallerScope callers, Clock clock) {
        this.changes = changes;
        this.parts = parts;
        this.callers = callers;
        this.clock = clock;
    }

    /** @throws io.sluice.common.error.AwsException as the Add… operations do, and CodeValidationException once code is translated */
    public void update(UpdateApplicationRequest request) {
        Violations violations = ApplicationChanges.versioned(request.applicationName(), request.currentApplicationVersionId())
                .notNull("applicationUpdate", request.applicationUpdate());
        ApplicationUpdate update = request.applicationUpdate();
        if (update != null) {
            violations.length("applicationUpdate.applicationCodeUpdate", update.applicationCodeUpdate(), 0, ApplicationChecks.MAX_CODE);
            ApplicationService.each(update.inputUpdates(), (u, i) -> inputUpdate(violations, "applicationUpdate.inputUpdates." + i + ".member", u));
            ApplicationService.each(update.outputUpdates(), (u, i) -> violations
                    .notNull("applicationUpdate.outputUpdates." + i + ".member.outputId", u.outputId())
                    .length("applicationUpdate.outputUpdates." + i + ".member.nameUpdate", u.name(), 1, 32));
            ApplicationService.each(update.referenceDataSourceUpdates(), (u, i) -> violations
                    .notNull("applicationUpdate.referenceDataSourceUpdates." + i + ".member.referenceId", u.referenceId())
                    .length("applicationUpdate.referenceDataSourceUpdates." + i + ".member.tableNameUpdate", u.tableName(), 1, 32));
            ApplicationService.each(update.cloudWatchLoggingOptionUpdates(), (u, i) -> violations
                    .notNull("applicationUpdate.cloudWatchLoggingOptionUpdates." + i + ".member.cloudWatchLoggingOptionId", u.id()));
        }
        violations.raise();
        Caller caller = callers.current();
        changes.changeAt(request.applicationName(), request.currentApplicationVersionId(), application -> {
            Application.Configuration parts = application.configuration();
            parts = parts.withInputs(apply(parts.inputs(), update.inputUpdates(), InputDescription::inputId, InputUpdate::inputId, "Input",
                    (input, u) -> input(caller, input, u)));
            parts = parts.withOutputs(apply(parts.outputs(), update.outputUpdates(), OutputDescription::outputId, OutputUpdate::outputId, "Output",
                    (output, u) -> output(caller, output, u)));
            parts = parts.withReferences(apply(parts.references(), update.referenceDataSourceUpdates(), ReferenceDataSourceDescription::referenceId,
                    ReferenceDataSourceUpdate::referenceId, "Reference data source", (reference, u) -> reference(caller, reference, u)));
            parts = parts.withLogging(apply(parts.logging(), update.cloudWatchLoggingOptionUpdates(), CloudWatchLoggingOptionDescription::id,
                    CloudWatchLoggingOptionUpdate::id, "CloudWatch logging option", ApplicationUpdates::logging));
            String code = update.applicationCodeUpdate() != null ? update.applicationCodeUpdate() : application.code();
            return application.changed(code, parts, clock.instant());
        });
    }

    private static void inputUpdate(Violations violations, String path, InputUpdate update) {
        violations.notNull(path + ".inputId", update.inputId()).length(path + ".namePrefixUpdate", update.namePrefix(), 1, 32)
                .range(path + ".inputParallelismUpdate.countUpdate", update.parallelism() == null ? null : update.parallelism().count(), 1, 64);
        if (update.schema() != null) {
            violations.size(path + ".inputSchemaUpdate.recordColumnUpdates", update.schema().recordColumns(), 1, 1000);
        }
    }

    /** Each part an update names by id, replaced by what {@code merge} makes of it. */
    private static <P, U> List<P> apply(List<P> current, List<U> updates, Function<P, String> partId, Function<U, String> updateId,
            String what, BiFunction<P, U, P> merge) {
        List<P> result = current;
        for (U update : updates == null ? List.<U>of() : updates) {
            String id = updateId.apply(update);
            P part = result.stream().filter(p -> partId.apply(p).equals(id)).findFirst().orElseThrow(() -> ApplicationChanges.missing(what, id));
            result = result.stream().map(p -> p == part ? merge.apply(p, update) : p).toList();
        }
        return result;
    }

    private InputDescription input(Caller caller, InputDescription current, InputUpdate update) {
        Shapes.ResourceRole streams = update.kinesisStreams() != null ? update.kinesisStreams().applyTo(current.kinesisStreams())
                : update.kinesisFirehose() != null ? null : current.kinesisStreams();
        Shapes.ResourceRole firehose = update.kinesisFirehose() != null ? update.kinesisFirehose().applyTo(current.kinesisFirehose())
                : update.kinesisStreams() != null ? null : current.kinesisFirehose();
        Shapes.ResourceRole lambda = current.processing() == null ? null : current.processing().lambda();
        if (update.processing() != null && update.processing().lambda() != null) {
            lambda = update.processing().lambda().applyTo(lambda);
        }
        Shapes.Input merged = new Shapes.Input(update.namePrefix() != null ? update.namePrefix() : current.namePrefix(),
                lambda == null ? null : new Shapes.InputProcessingConfiguration(lambda), streams, firehose,
                update.parallelism() != null && update.parallelism().count() != null ? new Shapes.InputParallelism(update.parallelism().count())
                        : current.parallelism(),
                update.schema() != null ? update.schema().applyTo(current.schema()) : current.schema());
        ApplicationChecks.input(Violations.check(), "inputUpdate", merged).raise();
        return parts.input(caller, merged, current.inputId(), current.startingPosition());
    }

    private OutputDescription output(Caller caller, OutputDescription current, OutputUpdate update) {
        boolean newDestination = update.kinesisStreams() != null || update.kinesisFirehose() != null || update.lambda() != null;
        Shapes.Output merged = new Shapes.Output(update.name() != null ? update.name() : current.name(),
                update.kinesisStreams() != null ? update.kinesisStreams().applyTo(current.kinesisStreams())
                        : newDestination ? null : current.kinesisStreams(),
                update.kinesisFirehose() != null ? update.kinesisFirehose().applyTo(current.kinesisFirehose())
                        : newDestination ? null : current.kinesisFirehose(),
                update.lambda() != null ? update.lambda().applyTo(current.lambda()) : newDestination ? null : current.lambda(),
                update.destinationSchema() != null ? update.destinationSchema() : current.destinationSchema());
        ApplicationChecks.output(Violations.check(), "outputUpdate", merged).raise();
        return parts.output(caller, merged, current.outputId());
    }

    private ReferenceDataSourceDescription reference(Caller caller, ReferenceDataSourceDescription current, ReferenceDataSourceUpdate update) {
        Shapes.ReferenceDataSource merged = new Shapes.ReferenceDataSource(update.tableName() != null ? update.tableName() : current.tableName(),
                update.s3() != null ? update.s3().applyTo(current.s3()) : current.s3(),
                update.schema() != null ? update.schema() : current.schema());
        Violations violations = Violations.check();
        ApplicationChecks.reference(violations, "referenceDataSourceUpdate", merged).raise();
        return parts.reference(caller, merged, current.referenceId());
    }

    private static CloudWatchLoggingOptionDescription logging(CloudWatchLoggingOptionDescription current, CloudWatchLoggingOptionUpdate update) {
        return new CloudWatchLoggingOptionDescription(current.id(), update.logStreamArn() != null ? update.logStreamArn() : current.logStreamArn(),
                update.roleArn() != null ? update.roleArn() : current.roleArn());
    }
}
