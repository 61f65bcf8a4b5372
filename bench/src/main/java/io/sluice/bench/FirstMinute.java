package io.sluice.bench;

import io.sluice.engines.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest in the first minute after the platform said it was ready, while the JIT is still compiling:
 * 1 KiB records at the most requests in flight, measured from the first put, in four runs of 15 s on
 * new streams (each deleted afterwards, as the warm-up's are, so a minute of ingest does not fill the
 * disk). It counts as the first minute of the JIT warm-up. The client is warm by then ({@link #warmUpClient}).
 */
final class FirstMinute {
    static final int RECORD_BYTES = 1024;
    static final Duration TIME = Duration.ofSeconds(60);
    private static final Duration RUN = Duration.ofSeconds(15);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private FirstMinute() {
    }

    interface DiskCheck {
        void await() throws Exception;
    }

    /**
     * Measures Sluice's first minute, straight after start as a user's, when the run ingests and its
     * JIT warm-up holds a minute; returns the warm-up left after it.
     */
    static Duration measureIfDue(String target, KinesisDriver driver, int concurrency, Settings settings, Results results,
            DiskCheck disk) throws Exception {
        Duration jit = settings.jitWarmUp();
        if (!due(target, settings)) {
            return jit;
        }
        results.firstMinute.add(measure(target, driver, concurrency, settings, disk));
        return jit.minus(TIME);
    }

    /** Whether this run measures the target's first minute: Sluice, with ingest and a JIT warm-up of a minute or more. */
    static boolean due(String target, Settings settings) {
        return target.equals(Report.SLUICE) && !settings.recordSizes().isEmpty() && settings.jitWarmUp().compareTo(TIME) >= 0;
    }

    /**
     * Warms up this JVM's client for a minute before Sluice starts: the same ingest, unmeasured,
     * against the no-op server, at the most requests in flight. The first minute then measures
     * Sluice's own warm-up. A cold client warms up too, and on two cores its compiler threads take
     * CPU from the server's. The warm figure is measured with both warm.
     */
    static void warmUpClient(String javaBin, Path work, Settings settings) throws Exception {
        int port = FreePorts.pick();
        try (ManagedProcess server = NoOpServer.start(javaBin, port, work);
                KinesisDriver driver = new KinesisDriver(URI.create("http://127.0.0.1:" + port))) {
            for (int i = 0; i < TIME.toMillis() / RUN.toMillis(); i++) {
                String stream = "client-warm-up-" + i;
                driver.createStream(stream, 4);
                driver.ingest(stream, RECORD_BYTES, settings.maxConcurrency(), settings.warmUpChunk(RUN), () -> { });
                driver.deleteStream(stream);
            }
        }
        System.out.printf("Client warmed up for %d s against the no-op server%n", TIME.toSeconds());
    }

    /** Records per second in each 5-second interval of the first minute, in order. */
    private static Results.FirstMinute measure(String target, KinesisDriver driver, int concurrency, Settings settings, DiskCheck disk)
            throws Exception {
        Settings run = settings.measuredFromStart((int) (RUN.toMillis() / INTERVAL.toMillis()), INTERVAL);
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < TIME.toMillis() / RUN.toMillis(); i++) {
            String stream = "first-minute-" + i;
            driver.createStream(stream, 4);
            rates.addAll(driver.ingest(stream, RECORD_BYTES, concurrency, run, () -> { }));
            driver.deleteStream(stream);
            disk.await();
        }
        System.out.printf("%-12s first minute %s records/s%n", target, rates);
        return new Results.FirstMinute(target, RECORD_BYTES, concurrency, rates);
    }
}
