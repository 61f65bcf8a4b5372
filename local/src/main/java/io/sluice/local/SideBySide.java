package io.sluice.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts parts that do not need each other at the same time, each on a thread of its own (they block on
 * child processes, ports and disks, which the common pool's one thread on two cores would serialise),
 * and waits for all of them. When one fails, the others are waited for and closed again, so that a
 * failed start leaves nothing running, and the first failure is thrown as it was.
 */
final class SideBySide {
    private final List<CompletableFuture<? extends AutoCloseable>> parts = new ArrayList<>();

    /** Starts {@code part} on a new thread named {@code name}. */
    <T extends AutoCloseable> CompletableFuture<T> start(String name, Callable<T> part) {
        CompletableFuture<T> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                started.complete(part.call());
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, name);
        thread.start();
        parts.add(started);
        return started;
    }

    /**
     * Waits until every part has started or failed.
     *
     * @throws IOException the first part's failure to start, after closing the parts that did start
     */
    void await() throws IOException {
        Throwable failure = null;
        List<AutoCloseable> started = new ArrayList<>();
        for (CompletableFuture<? extends AutoCloseable> part : parts) {
            try {
                // join waits however long it takes, and an interrupt meanwhile stays for the caller to see.
                started.add(part.join());
            } catch (CompletionException e) {
                failure = first(failure, e.getCause());
            }
        }
        if (failure == null) {
            return;
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new UncheckedIOException(new IOException("Could not start", failure));
    }

    private static Throwable first(Throwable earlier, Throwable now) {
        if (earlier == null) {
            return now;
        }
        earlier.addSuppressed(now);
        return earlier;
    }
}
