package io.sluice.endpoint.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one resource (a stream, a delivery stream, an application) under CloudWatch's
 * metric names: the service's namespace as a prefix ({@code kinesis.}, {@code firehose.}), the
 * metric's own name ({@code IncomingBytes}, {@code PutRecord.Latency}) and its dimensions as tags
 * ({@code StreamName=orders}). In Prometheus {@code kinesis.IncomingBytes} reads
 * {@code kinesis_IncomingBytes_total} (no unit is added to the name: the name says it, as in
 * CloudWatch), a timer {@code kinesis_PutRecord_Latency_seconds}. The meters made are remembered, so that they leave the
 * registry with their resource.
 */
public final class CloudWatchMeters {
    private final MeterRegistry registry;
    private final String prefix;
    private final Tags dimensions;
    private final List<Meter> made = new CopyOnWriteArrayList<>();

    /** @param dimensions name, value, name, value… */
    public CloudWatchMeters(MeterRegistry registry, String prefix, String... dimensions) {
        this.registry = registry;
        this.prefix = prefix;
        this.dimensions = Tags.of(dimensions);
    }

    public Counter counter(String metric) {
        return keep(Counter.builder(prefix + metric).tags(dimensions).register(registry));
    }

    /** A distribution: CloudWatch's Sum, Average, Maximum and SampleCount of a metric. */
    public DistributionSummary summary(String metric) {
        return keep(DistributionSummary.builder(prefix + metric).tags(dimensions).register(registry));
    }

    public Timer timer(String metric) {
        return keep(Timer.builder(prefix + metric).tags(dimensions).publishPercentiles(0.5, 0.99).register(registry));
    }

    public <T> Gauge gauge(String metric, T state, ToDoubleFunction<T> value) {
        return keep(Gauge.builder(prefix + metric, state, value).tags(dimensions).strongReference(true).register(registry));
    }

    /** Takes one meter out of the registry (a metric turned off). */
    public void remove(Meter meter) {
        registry.remove(meter);
        made.remove(meter);
    }

    /** Takes every meter made here out of the registry (the resource is gone). */
    public void removeAll() {
        made.forEach(registry::remove);
        made.clear();
    }

    private <M extends Meter> M keep(M meter) {
        made.add(meter);
        return meter;
    }
}
