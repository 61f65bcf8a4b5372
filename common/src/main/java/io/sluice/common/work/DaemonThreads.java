package io.sluice.common.work;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Background threads of the service: daemons (they never hold the JVM up), named for thread dumps. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Threads named {@code name}, or {@code name-1}, {@code name-2}… when {@code numbered}. */
    public static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + "-" + count.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }
}
