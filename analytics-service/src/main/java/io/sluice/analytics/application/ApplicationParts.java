package io.sluice.analytics.application;

import io.sluice.analytics.application.Shapes.InputDescription;
import io.sluice.analytics.application.Shapes.InputParallelism;
import io.sluice.analytics.application.Shapes.InputProcessingConfigurationDescription;
import io.sluice.analytics.application.Shapes.InputStartingPositionConfiguration;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.analytics.application.Shapes.ReferenceDataSourceDescription;
import io.sluice.common.account.Caller;
import io.sluice.kafka.directory.StreamDirectory;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * Turns the parts a request gives (an input, an output, a reference data source) into the
 * descriptions an application keeps, once they pass Kinesis Analytics' checks: a Kinesis stream
 * named as a source or destination must exist (the stream directory says), and the limits of one
 * input, three outputs and one reference data source hold.
 */
@Component
class ApplicationParts {
    private final StreamDirectory streams;

    ApplicationParts(StreamDirectory streams) {
        this.streams = streams;
    }

    /** An input's description with its id ({@code <version>.<n>}) and one in-application stream per parallel reader. */
    InputDescription input(Caller caller, Shapes.Input input, String id, InputStartingPositionConfiguration startingPosition) {
        ApplicationChecks.semantics(caller, input);
        if (input.kinesisStreams() != null) {
            existing(caller, input.kinesisStreams().resourceArn());
        }
        return describe(input.namePrefix(), id, input.processing() == null ? null
                : new InputProcessingConfigurationDescription(input.processing().lambda()), input.kinesisStreams(), input.kinesisFirehose(),
                input.schema(), input.parallelism() == null || input.parallelism().count() == null ? 1 : input.parallelism().count(),
                startingPosition);
    }

    static InputDescription describe(String namePrefix, String id, InputProcessingConfigurationDescription processing,
            Shapes.ResourceRole kinesisStreams, Shapes.ResourceRole kinesisFirehose, Shapes.SourceSchema schema, int parallelism,
            InputStartingPositionConfiguration startingPosition) {
        List<String> names = IntStream.rangeClosed(1, parallelism).mapToObj(i -> String.format("%s_%03d", namePrefix, i)).toList();
        return new InputDescription(id, namePrefix, names, processing, kinesisStreams, kinesisFirehose, schema,
                new InputParallelism(parallelism), startingPosition);
    }

    OutputDescription output(Caller caller, Shapes.Output output, String id) {
        ApplicationChecks.semantics(caller, output);
        if (output.kinesisStreams() != null) {
            existing(caller, output.kinesisStreams().resourceArn());
        }
        return new OutputDescription(id, output.name(), output.kinesisStreams(), output.kinesisFirehose(), null,
                output.destinationSchema());
    }

    ReferenceDataSourceDescription reference(Caller caller, Shapes.ReferenceDataSource reference, String id) {
        ApplicationChecks.semantics(caller, reference);
        return new ReferenceDataSourceDescription(id, reference.tableName(), reference.s3(), reference.schema());
    }

    /**
     * Legacy code checked as KDA checks it when it is given (CodeValidationException naming where),
     * against the in-application input streams it has; Flink SQL is checked when it starts.
     */
    static void checkCode(String code, Application.Configuration configuration) {
        if (!io.sluice.analytics.code.LegacySql.isLegacy(code) || configuration.inputs().isEmpty()) {
            return;
        }
        io.sluice.analytics.code.LegacySql.validate(code, configuration.inAppInputColumns());
    }

    /** The KDA limits: one streaming input, three outputs and one reference data source an application. */
    static void checkLimits(Application.Configuration configuration) {
        if (configuration.inputs().size() > ApplicationChecks.MAX_INPUTS) {
            throw ApplicationChecks.invalid("An application has at most " + ApplicationChecks.MAX_INPUTS + " streaming input.");
        }
        if (configuration.outputs().size() > ApplicationChecks.MAX_OUTPUTS) {
            throw ApplicationChecks.invalid("An application has at most " + ApplicationChecks.MAX_OUTPUTS + " outputs.");
        }
        if (configuration.references().size() > ApplicationChecks.MAX_REFERENCES) {
            throw ApplicationChecks.invalid("An application has at most " + ApplicationChecks.MAX_REFERENCES + " reference data source.");
        }
    }

    private void existing(Caller caller, String arn) {
        StreamLookup.locate(streams, caller, arn, missing -> ApplicationChecks.invalid("Kinesis stream " + missing + " does not exist."));
    }
}
