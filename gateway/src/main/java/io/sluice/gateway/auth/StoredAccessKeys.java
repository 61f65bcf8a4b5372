package io.sluice.gateway.auth;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The access keys of a store, held in memory and read again in the background every refresh
 * interval: a lookup never waits for the database (it runs on the gateway's event loop), and a key
 * added or removed by another gateway, or by hand, counts here from the next refresh on. When the
 * database cannot be read the keys of the last refresh stay.
 */
public final class StoredAccessKeys implements AccessKeys, AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StoredAccessKeys.class);

    private final AccessKeyTable table;
    private final ScheduledExecutorService refresher;
    private final AutoCloseable connections;
    private volatile ConfiguredAccessKeys keys;

    /**
     * Writes {@code seeds} to the table, reads it, and refreshes every {@code interval}; {@code connections}
     * (the table's pool) are closed with it.
     */
    public StoredAccessKeys(AccessKeyTable table, Collection<AccessKey> seeds, Duration interval, AutoCloseable connections) {
        this.table = table;
        this.connections = connections;
        seeds.forEach(table::put);
        refresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "access-key-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        return keys.find(accessKeyId);
    }

    public int size() {
        return keys.size();
    }

    /** Reads the table now. */
    public void refresh() {
        keys = new ConfiguredAccessKeys(table.all());
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("The access key store could not be read; the {} key(s) of the last refresh stay: {}", keys.size(), e.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        refresher.shutdownNow();
        connections.close();
    }
}
