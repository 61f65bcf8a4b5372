package io.sluice.analytics.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.analytics.application.Application;
import io.sluice.analytics.application.ApplicationChecks;
import io.sluice.analytics.application.ApplicationService;
import io.sluice.analytics.application.ApplicationStore;
import io.sluice.analytics.application.Shapes.InputDescription;
import io.sluice.analytics.application.Shapes.InputStartingPositionConfiguration;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.analytics.application.Shapes;
import io.sluice.analytics.application.StreamLookup;
import io.sluice.analytics.config.AnalyticsProperties;
import io.sluice.analytics.flink.FlinkCluster;
import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.work.DaemonThreads;
import io.sluice.endpoint.CallerScope;
import io.sluice.kafka.directory.DeliveryStreamDirectory;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * StartApplication and StopApplication: READY → STARTING → RUNNING once its Flink job is submitted
 * (back to READY if it cannot be), RUNNING → STOPPING → READY once the job has stopped with a
 * savepoint, from which LAST_STOPPED_POINT resumes. The transitions past STARTING and STOPPING
 * happen in the background, as KDA's do; DescribeApplication shows where they are.
 */
@Service
public class ApplicationRunner implements io.sluice.analytics.application.ApplicationJobs {
    private static final Logger log = LoggerFactory.getLogger(ApplicationRunner.class);
    private static final List<String> POSITIONS = List.of("NOW", "TRIM_HORIZON", "LAST_STOPPED_POINT");

    public record StartApplicationRequest(@JsonProperty("ApplicationName") String applicationName,
            @JsonProperty("InputConfigurations") List<InputConfiguration> inputConfigurations) {
    }

    public record InputConfiguration(@JsonProperty("Id") String id,
            @JsonProperty("InputStartingPositionConfiguration") InputStartingPositionConfiguration startingPosition) {
    }

    public record StopApplicationRequest(@JsonProperty("ApplicationName") String applicationName) {
    }

    private final ApplicationStore store;
    private final CallerScope callers;
    private final StreamDirectory streams;
    private final DeliveryStreamDirectory deliveryStreams;
    private final FlinkJobs jobs;
    private final AnalyticsProperties properties;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(DaemonThreads.named("analytics-runner", true));

    ApplicationRunner(ApplicationStore store, CallerScope callers, StreamDirectory streams, DeliveryStreamDirectory deliveryStreams,
            FlinkJobs jobs, AnalyticsProperties properties, Clock clock) {
        this.deliveryStreams = deliveryStreams;
        this.store = store;
        this.callers = callers;
        this.streams = streams;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws AwsException ValidationException, ResourceNotFoundException, ResourceInUseException (not
     *     READY), InvalidArgumentException (an input id it does not have), InvalidApplicationConfigurationException (no input)
     */
    public void start(StartApplicationRequest request) {
        Violations violations = ApplicationService.name(request.applicationName())
                .notNull("inputConfigurations", request.inputConfigurations());
        if (request.inputConfigurations() != null) {
            for (int i = 0; i < request.inputConfigurations().size(); i++) {
                InputConfiguration input = request.inputConfigurations().get(i);
                String path = "inputConfigurations." + (i + 1) + ".member";
                violations.notNull(path + ".id", input.id()).length(path + ".id", input.id(), 1, 50).pattern(path + ".id", input.id(), ApplicationChecks.ID)
                        .notNull(path + ".inputStartingPositionConfiguration", input.startingPosition());
                if (input.startingPosition() != null) {
                    violations.oneOf(path + ".inputStartingPositionConfiguration.inputStartingPosition", input.startingPosition().position(),
                            POSITIONS);
                }
            }
        }
        violations.raise();
        Caller caller = callers.current();
        String name = request.applicationName();
        store.update(caller, name, application -> {
            if (!Application.READY.equals(application.status())) {
                throw new AwsException(ErrorCode.RESOURCE_IN_USE, "Application " + name + " is " + application.status()
                        + "; it can be started when it is READY.");
            }
            if (application.configuration().inputs().isEmpty()) {
                throw ApplicationJob.unrunnable("application " + name + " has no input");
            }
            try {
                ApplicationJob.check(application);
            } catch (AwsException e) {
                // StartApplication's own error for code that cannot run, whichever check found it.
                throw e.code() == ErrorCode.CODE_VALIDATION ? new AwsException(ErrorCode.INVALID_APPLICATION_CONFIGURATION, e.getMessage()) : e;
            }
            Map<String, String> positions = new HashMap<>();
            request.inputConfigurations().forEach(c -> positions.put(c.id(), c.startingPosition().position() == null ? "NOW"
                    : c.startingPosition().position()));
            List<InputDescription> inputs = application.configuration().inputs().stream().map(input -> {
                String position = positions.remove(input.inputId());
                if (position == null) {
                    throw new AwsException(ErrorCode.INVALID_ARGUMENT, "InputConfigurations has no configuration of input " + input.inputId() + ".");
                }
                return new InputDescription(input.inputId(), input.namePrefix(), input.inAppStreamNames(), input.processing(),
                        input.kinesisStreams(), input.kinesisFirehose(), input.schema(), input.parallelism(),
                        new InputStartingPositionConfiguration(position));
            }).toList();
            if (!positions.isEmpty()) {
                throw new AwsException(ErrorCode.INVALID_ARGUMENT, "Application " + name + " has no input " + positions.keySet().iterator().next() + ".");
            }
            Application.Configuration parts = application.configuration();
            return application.running(Application.STARTING, application.run(),
                    new Application.Configuration(inputs, parts.outputs(), parts.references(), parts.logging()), clock.instant());
        }).orElseThrow(() -> ApplicationService.notFound(name));
        background.execute(() -> launch(caller, name, Application.STARTING, null));
    }

    /** @throws AwsException ValidationException, ResourceNotFoundException, ResourceInUseException (not RUNNING) */
    public void stop(StopApplicationRequest request) {
        ApplicationService.name(request.applicationName()).raise();
        Caller caller = callers.current();
        String name = request.applicationName();
        store.update(caller, name, application -> {
            if (!Application.RUNNING.equals(application.status())) {
                throw new AwsException(ErrorCode.RESOURCE_IN_USE, "Application " + name + " is " + application.status()
                        + "; it can be stopped when it is RUNNING.");
            }
            return application.withStatus(Application.STOPPING, clock.instant());
        }).orElseThrow(() -> ApplicationService.notFound(name));
        background.execute(() -> halt(caller, name));
    }

    /**
     * After a restart of the service: an application STARTING is started, one STOPPING stopped, and
     * one RUNNING whose job is gone (the cluster restarted, or the job was cancelled behind its back)
     * is submitted again from its job's latest checkpoint.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void resume() {
        background.execute(() -> {
            for (Application application : store.withStatus(List.of(Application.STARTING, Application.RUNNING, Application.STOPPING,
                    Application.UPDATING))) {
                Caller caller = application.owner();
                String jobId = application.run() == null ? null : application.run().jobId();
                if (Application.STARTING.equals(application.status())) {
                    launch(caller, application.name(), Application.STARTING, null);
                } else if (Application.STOPPING.equals(application.status())) {
                    halt(caller, application.name());
                } else if (Application.UPDATING.equals(application.status())) {
                    changed(application);
                } else if (jobId == null || !jobs.alive(jobId)) {
                    // Without a job, it stopped with a savepoint as the service shut down.
                    String checkpoint;
                    try {
                        checkpoint = jobId == null ? application.run() == null ? null : application.run().savepoint()
                                : jobs.latestCheckpoint(ApplicationJob.checkpoints(properties.flink().stateDir(), application), jobId);
                    } catch (java.io.UncheckedIOException e) {
                        log.error("Application {} of {} was RUNNING but its job {} is gone, and its checkpoints cannot be read ({}): "
                                + "it is left as it is until the service starts again", application.name(), caller, jobId, e.getMessage());
                        continue;
                    }
                    log.info("Application {} of {} was RUNNING but its job {} is gone: submitting it again from {}", application.name(), caller,
                            jobId, checkpoint == null ? "its starting position" : checkpoint);
                    launch(caller, application.name(), Application.RUNNING, checkpoint);
                } else {
                    log.info("Application {} of {} still runs as Flink job {}", application.name(), caller, jobId);
                }
            }
        });
    }

    /**
     * Submits the application's job and records it; an application that cannot start goes back to READY.
     *
     * @param expected the status it must still have (STARTING; RUNNING when its lost job is resubmitted;
     *     UPDATING when its job is replaced)
     * @param restoreFrom a checkpoint to resume from, null to start at the input's starting position
     */
    private void launch(Caller caller, String name, String expected, String restoreFrom) {
        Application application = store.find(caller, name).orElse(null);
        if (application == null || !expected.equals(application.status())) {
            return;
        }
        try {
            InputDescription input = application.configuration().inputs().get(0);
            StreamLocation source = locate(caller, input.kinesisStreams(), input.kinesisFirehose());
            Map<String, StreamLocation> outputs = new HashMap<>();
            for (OutputDescription output : application.configuration().outputs()) {
                outputs.put(output.outputId(), locate(caller, output.kinesisStreams(), output.kinesisFirehose()));
            }
            String position = input.startingPosition().position();
            String savepoint = restoreFrom != null ? restoreFrom
                    : "LAST_STOPPED_POINT".equals(position) && application.run() != null ? application.run().savepoint() : null;
            String jobId = ApplicationJob.submit(application, new ApplicationJob.Plan(jobs.restAddress(), properties, source, outputs, savepoint));
            Application.Run run = new Application.Run(jobId, application.run() == null ? null : application.run().savepoint());
            if (store.update(caller, name, a -> a.running(Application.RUNNING, run, a.configuration(), clock.instant())).isEmpty()) {
                jobs.cancel(jobId); // deleted while it started
                return;
            }
            log.info("Application {} of {} runs as Flink job {}{}", name, caller, jobId, savepoint == null ? "" : " from " + savepoint);
        } catch (Exception e) {
            log.warn("Application {} of {} could not start: {}", name, caller, e.getMessage(), e);
            store.update(caller, name, a -> a.withStatus(Application.READY, clock.instant()));
        }
    }

    private void halt(Caller caller, String name) {
        Application application = store.find(caller, name).orElse(null);
        if (application == null || application.run() == null || application.run().jobId() == null) {
            store.update(caller, name, a -> a.withStatus(Application.READY, clock.instant()));
            return;
        }
        String savepoint = application.run().savepoint();
        try {
            savepoint = jobs.stopWithSavepoint(application.run().jobId(), ApplicationJob.savepoints(properties.flink().stateDir(), application));
            log.info("Application {} of {} stopped with savepoint {}", name, caller, savepoint);
        } catch (Exception e) {
            log.warn("Application {} of {}: job {} did not stop with a savepoint ({}); cancelled", name, caller, application.run().jobId(),
                    e.getMessage());
            jobs.cancel(application.run().jobId());
        }
        Application.Run run = new Application.Run(null, savepoint);
        store.update(caller, name, a -> a.running(Application.READY, run, a.configuration(), clock.instant()));
    }

    @Override
    public void cancel(Application application) {
        if (application.run() != null && application.run().jobId() != null) {
            jobs.cancel(application.run().jobId());
        }
    }

    /** Replaces the job of an UPDATING application: stopped with a savepoint, submitted anew from it, RUNNING again. */
    @Override
    public void changed(Application application) {
        Caller caller = application.owner();
        String name = application.name();
        background.execute(() -> {
            Application updating = store.find(caller, name).orElse(null);
            if (updating == null || !Application.UPDATING.equals(updating.status())) {
                return;
            }
            String savepoint = null;
            if (updating.run() != null && updating.run().jobId() != null) {
                try {
                    savepoint = jobs.stopWithSavepoint(updating.run().jobId(), ApplicationJob.savepoints(properties.flink().stateDir(), updating));
                } catch (Exception e) {
                    log.warn("Application {} of {}: job {} did not stop with a savepoint ({}); the new one resumes from its latest checkpoint",
                            name, caller, updating.run().jobId(), e.getMessage());
                    jobs.cancel(updating.run().jobId());
                    savepoint = jobs.latestCheckpoint(ApplicationJob.checkpoints(properties.flink().stateDir(), updating),
                            updating.run().jobId());
                }
            }
            launch(caller, name, Application.UPDATING, savepoint);
        });
    }

    /**
     * The runner's thread goes with the service; with {@code save-on-shutdown} (the cluster goes
     * too), every running application's job first stops with a savepoint, which its next start
     * resumes from (a RUNNING application without a job).
     */
    @jakarta.annotation.PreDestroy
    void close() {
        background.shutdownNow();
        if (!properties.flink().saveOnShutdown()) {
            return;
        }
        for (Application application : store.withStatus(List.of(Application.RUNNING))) {
            String jobId = application.run() == null ? null : application.run().jobId();
            if (jobId == null || !jobs.alive(jobId)) {
                continue;
            }
            try {
                String savepoint = jobs.stopWithSavepoint(jobId, ApplicationJob.savepoints(properties.flink().stateDir(), application));
                store.update(application.owner(), application.name(), a -> a.running(Application.RUNNING, new Application.Run(null, savepoint),
                        a.configuration(), clock.instant()));
                log.info("Application {} of {} stopped with a savepoint as the service shuts down: {}", application.name(),
                        application.owner(), savepoint);
            } catch (Exception e) {
                log.warn("Application {} of {} did not stop with a savepoint ({}); it resumes from its latest checkpoint",
                        application.name(), application.owner(), e.getMessage());
            }
        }
    }

    /** The Kinesis stream, else the DirectPut delivery stream, an input reads or an output writes. */
    private StreamLocation locate(Caller caller, Shapes.ResourceRole kinesisStream, Shapes.ResourceRole deliveryStream) {
        if (kinesisStream != null) {
            return StreamLookup.locate(streams, caller, kinesisStream.resourceArn(),
                    missing -> ApplicationJob.unrunnable("Kinesis stream " + missing + " does not exist"));
        }
        return StreamLookup.locate(deliveryStreams, caller, deliveryStream.resourceArn(),
                missing -> ApplicationJob.unrunnable("Firehose delivery stream " + missing + " does not exist or does not take direct puts"));
    }
}
