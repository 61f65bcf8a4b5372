package io.sluice.engines;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A long-lived Flink MiniCluster in this process (one JobManager, one TaskManager), started on first
 * use: a platform whose Analytics service runs no application does not pay for it (it takes a few
 * seconds and some hundred MB). Jobs are submitted to its REST endpoint, as to a session cluster;
 * the first job takes about 9 s, later ones about 1 s.
 */
public final class EmbeddedFlink implements AutoCloseable {
    private final int slots;
    private final int restPort;
    private MiniCluster cluster;
    private URI restAddress;

    /** @param slots task slots, the most parallel subtasks running at once */
    public EmbeddedFlink(int slots) {
        this(slots, 0);
    }

    /** @param restPort the REST endpoint's port (0: any free one) */
    public EmbeddedFlink(int slots, int restPort) {
        this.slots = slots;
        this.restPort = restPort;
    }

    /**
     * A Flink session cluster of its own process, until it is killed: {@code <rest port> <slots>}.
     * Jobs reach it as they reach a remote session cluster, their classes shipped in their jars
     * (the tests of the Analytics job jar run it with nothing but Flink on its class path).
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedFlink flink = new EmbeddedFlink(args.length > 1 ? Integer.parseInt(args[1]) : 4, Integer.parseInt(args[0]));
        System.out.println("Flink session cluster: REST at " + flink.restAddress());
        Thread.currentThread().join();
    }

    /** The cluster's REST endpoint; starts the cluster on first call. */
    public synchronized URI restAddress() {
        if (cluster == null) {
            Configuration configuration = new Configuration();
            configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            configuration.set(RestOptions.ADDRESS, "127.0.0.1");
            configuration.set(RestOptions.PORT, restPort);
            configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
            // A laptop's share: Flink's defaults size memory for a machine of its own.
            configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("64m"));
            configuration.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
            configuration.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
            MiniCluster started = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(configuration)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(slots)
                    .build());
            try {
                started.start();
                restAddress = started.getRestAddress().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting Flink", e);
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the Flink MiniCluster", e);
            }
            cluster = started;
        }
        return restAddress;
    }

    @Override
    public synchronized void close() {
        if (cluster != null) {
            try {
                cluster.closeAsync().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Could not stop the Flink MiniCluster", e.getCause());
            } finally {
                cluster = null;
            }
        }
    }
}
