package io.sluice.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Readers of a backlog's shards (or partitions), one thread each, timed together. */
final class CatchUp {
    private CatchUp() {
    }

    /**
     * Runs every reader in parallel and checks that together they read {@code count} records.
     *
     * @param readers each reads its shard to the end and returns how many records it read
     * @return records per second over all readers
     */
    static double run(String backlog, int count, List<LongSupplier> readers) throws InterruptedException {
        AtomicLong read = new AtomicLong();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < readers.size(); i++) {
            LongSupplier reader = readers.get(i);
            Thread thread = new Thread(() -> {
                try {
                    read.addAndGet(reader.getAsLong());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "catch-up-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Catch-up of " + backlog + " failed: " + failures.get(0), failures.get(0));
        }
        if (read.get() != count) {
            throw new IllegalStateException("Catch-up of " + backlog + " read " + read.get() + " records of " + count);
        }
        return count / seconds;
    }
}
