package io.sluice.analytics.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analytics.application.Application;
import io.sluice.analytics.application.ApplicationStore;
import io.sluice.analytics.config.AnalyticsProperties;
import io.sluice.common.work.DaemonThreads;
import io.sluice.endpoint.metrics.CloudWatchMeters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The applications' metrics under Kinesis Analytics' CloudWatch names (prefix
 * {@code kinesisanalytics.}, dimension {@code Application}): every {@code metrics-every} the
 * service reads each running application's job metrics from Flink ({@link JobMetrics}) —
 * {@code InputRecords} and {@code OutputRecords} (counters that carry on across job restarts),
 * {@code MillisBehindLatest}, and {@code Success}, 1 for a look that found the job running and 0
 * otherwise (its average is the share of time the application ran). An application that is no
 * longer running keeps no meters.
 */
@Component
class ApplicationMetrics implements AutoCloseable {
    /** The metric group the job's operators register their metrics under. */
    static final String GROUP = "sluice";
    static final String INPUT_RECORDS = "InputRecords";
    static final String OUTPUT_RECORDS = "OutputRecords";
    static final String MILLIS_BEHIND_LATEST = "MillisBehindLatest";
    private static final Logger log = LoggerFactory.getLogger(ApplicationMetrics.class);

    private final ApplicationStore store;
    private final FlinkJobs jobs;
    private final MeterRegistry registry;
    private final Map<String, Meters> applications = new HashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("analytics-metrics", true));

    ApplicationMetrics(ApplicationStore store, FlinkJobs jobs, MeterRegistry registry, AnalyticsProperties properties) {
        this.store = store;
        this.jobs = jobs;
        this.registry = registry;
        long every = properties.metricsEvery().toMillis();
        poller.scheduleWithFixedDelay(this::look, every, every, TimeUnit.MILLISECONDS);
    }

    /** Reads every running application's job metrics once. */
    synchronized void look() {
        Map<String, Application> running = new HashMap<>();
        try {
            for (Application application : store.withStatus(List.of("RUNNING"))) {
                if (application.run() != null && application.run().jobId() != null) {
                    running.put(key(application), application);
                }
            }
        } catch (RuntimeException e) {
            log.debug("Could not list the running applications: {}", e.getMessage());
            return;
        }
        applications.entrySet().removeIf(entry -> {
            if (!running.containsKey(entry.getKey())) {
                entry.getValue().meters.removeAll();
                return true;
            }
            return false;
        });
        running.forEach((key, application) -> {
            Meters m = applications.computeIfAbsent(key, k -> new Meters(new CloudWatchMeters(registry, "kinesisanalytics.",
                    "Application", application.name())));
            try {
                JobMetrics job = JobMetrics.read(jobs.restAddress(), application.run().jobId());
                m.success.record("RUNNING".equals(job.state()) ? 1 : 0);
                m.input.increment(m.lastInput.delta(job.inputRecords()));
                m.output.increment(m.lastOutput.delta(job.outputRecords()));
                m.behind.set(job.millisBehindLatest());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                m.success.record(0);
                log.debug("Could not read the metrics of {}'s job: {}", application.name(), e.getMessage());
            }
        });
    }

    private static String key(Application application) {
        return application.owner().accountId() + "/" + application.owner().region() + "/" + application.name();
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** A job counter's last value: what it grew by since, or all of it when the job started over. */
    private static final class Last {
        private long value;

        long delta(long now) {
            long delta = now >= value ? now - value : now;
            value = now;
            return delta;
        }
    }

    /** One application's meters. */
    private static final class Meters {
        final CloudWatchMeters meters;
        final Counter input;
        final Counter output;
        final DistributionSummary success;
        final AtomicLong behind = new AtomicLong();
        final Last lastInput = new Last();
        final Last lastOutput = new Last();

        Meters(CloudWatchMeters f) {
            meters = f;
            input = f.counter(INPUT_RECORDS);
            output = f.counter(OUTPUT_RECORDS);
            success = f.summary("Success");
            f.gauge(MILLIS_BEHIND_LATEST, behind, AtomicLong::get);
        }
    }
}
