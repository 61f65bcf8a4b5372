package io.sluice.analytics.application;

import io.sluice.analytics.application.Shapes.CloudWatchLoggingOptionDescription;
import io.sluice.analytics.application.Shapes.InputDescription;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.analytics.application.Shapes.ReferenceDataSourceDescription;
import io.sluice.common.account.Caller;
import io.sluice.common.arn.ApplicationArn;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kinesis Analytics application as the store keeps it.
 *
 * @param owner the account and region it belongs to
 * @param name its name, unique within the owner
 * @param status READY, STARTING, RUNNING, … as Kinesis Analytics reports it
 * @param versionId increases with every change of its configuration (CurrentApplicationVersionId)
 * @param createdAt when CreateApplication was called
 * @param updatedAt when its configuration or status last changed
 * @param description its ApplicationDescription, null when none was given
 * @param code its ApplicationCode ("" when none was given)
 * @param configuration its inputs, outputs, reference data sources and logging options
 * @param tags its tags
 * @param run its Flink job while it runs, and the savepoint its last stop took (null before its first start)
 */
public record Application(Caller owner, String name, String status, long versionId, Instant createdAt, Instant updatedAt,
        String description, String code, Configuration configuration, Map<String, String> tags, Run run) {
    public static final String READY = "READY";
    public static final String STARTING = "STARTING";
    public static final String RUNNING = "RUNNING";
    public static final String STOPPING = "STOPPING";
    public static final String UPDATING = "UPDATING";

    public Application {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
        configuration = configuration == null ? Configuration.EMPTY : configuration;
        code = code == null ? "" : code;
    }

    /** An application with nothing but its name (tests of the store and the listing). */
    public Application(Caller owner, String name, String status, long versionId, Instant createdAt) {
        this(owner, name, status, versionId, createdAt, createdAt, null, "", Configuration.EMPTY, Map.of(), null);
    }

    /** An application that never ran. */
    public Application(Caller owner, String name, String status, long versionId, Instant createdAt, Instant updatedAt,
            String description, String code, Configuration configuration, Map<String, String> tags) {
        this(owner, name, status, versionId, createdAt, updatedAt, description, code, configuration, tags, null);
    }

    /**
     * How the application runs on Flink.
     *
     * @param jobId its job while it is STARTING (once submitted), RUNNING or STOPPING; null when it is READY
     * @param savepoint where its last stop saved its state (LAST_STOPPED_POINT resumes from it), null before
     */
    public record Run(String jobId, String savepoint) {
    }

    public ApplicationArn arn() {
        return new ApplicationArn(owner.region(), owner.accountId(), name);
    }

    /**
     * What the store keeps as JSON: the application's parts in their description form.
     *
     * @param inputs its streaming input (at most one)
     * @param outputs up to three outputs
     * @param references its reference data source (at most one)
     * @param logging its CloudWatch logging options
     */
    public record Configuration(List<InputDescription> inputs, List<OutputDescription> outputs,
            List<ReferenceDataSourceDescription> references, List<CloudWatchLoggingOptionDescription> logging) {
        static final Configuration EMPTY = new Configuration(List.of(), List.of(), List.of(), List.of());

        public Configuration {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            outputs = outputs == null ? List.of() : List.copyOf(outputs);
            references = references == null ? List.of() : List.copyOf(references);
            logging = logging == null ? List.of() : List.copyOf(logging);
        }

        /** Each in-application input stream's columns, by its name ({@code SOURCE_SQL_STREAM_001} …). */
        public Map<String, List<String>> inAppInputColumns() {
            Map<String, List<String>> streams = new java.util.LinkedHashMap<>();
            for (InputDescription input : inputs) {
                List<String> columns = input.schema().recordColumns().stream().map(Shapes.RecordColumn::name).toList();
                input.inAppStreamNames().forEach(name -> streams.put(name, columns));
            }
            return streams;
        }

        /** The in-application reference tables' names. */
        public java.util.Set<String> referenceTables() {
            return references.stream().map(Shapes.ReferenceDataSourceDescription::tableName)
                    .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
        }

        Configuration withInputs(List<InputDescription> newInputs) {
            return new Configuration(newInputs, outputs, references, logging);
        }

        Configuration withOutputs(List<OutputDescription> newOutputs) {
            return new Configuration(inputs, newOutputs, references, logging);
        }

        Configuration withReferences(List<ReferenceDataSourceDescription> newReferences) {
            return new Configuration(inputs, outputs, newReferences, logging);
        }

        Configuration withLogging(List<CloudWatchLoggingOptionDescription> newLogging) {
            return new Configuration(inputs, outputs, references, newLogging);
        }
    }

    /** A changed configuration or code: the version goes up by one. */
    Application changed(String newCode, Configuration newConfiguration, Instant at) {
        return new Application(owner, name, status, versionId + 1, createdAt, at, description, newCode, newConfiguration, tags, run);
    }

    public Application withStatus(String newStatus, Instant at) {
        return new Application(owner, name, newStatus, versionId, createdAt, at, description, code, configuration, tags, run);
    }

    /** A new status and run, and the inputs' starting positions as StartApplication gave them (its own configuration otherwise). */
    public Application running(String newStatus, Run newRun, Configuration newConfiguration, Instant at) {
        return new Application(owner, name, newStatus, versionId, createdAt, at, description, code, newConfiguration, tags, newRun);
    }

    Application withTags(Map<String, String> newTags) {
        return new Application(owner, name, status, versionId, createdAt, updatedAt, description, code, configuration, newTags, run);
    }
}
