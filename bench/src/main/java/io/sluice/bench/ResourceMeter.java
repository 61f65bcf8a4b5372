package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds and peak resident memory of a server process over one run, read from /proc. The
 * peak is reset at the start of each run (writing 5 to clear_refs resets VmHWM).
 */
final class ResourceMeter {
    /** Linux reports CPU time in clock ticks of 1/100 s on every architecture the JDK runs on here. */
    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * @param cpuSeconds the server process' user + system CPU time
     * @param peakRssMiB the server process' peak resident memory
     * @param clientCpuSeconds the benchmark client's CPU time over the same run (this JVM's, or the client process')
     */
    record Usage(double cpuSeconds, double peakRssMiB, double clientCpuSeconds) {
        static final Usage NONE = new Usage(Double.NaN, Double.NaN, Double.NaN);
    }

    private final long pid;
    private final long client;
    private long startTicks;
    private long startClientTicks;

    /** Meters the server {@code pid}, and this JVM as the client. */
    ResourceMeter(long pid) {
        this(pid, ProcessHandle.current().pid());
    }

    private ResourceMeter(long pid, long client) {
        this.pid = pid;
        this.client = client;
    }

    /** The same server, with the client in another process (Node.js running the JavaScript SDK, say). */
    ResourceMeter withClient(long clientPid) {
        return new ResourceMeter(pid, clientPid);
    }

    void begin() {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
        } catch (IOException e) {
            // Not permitted: the peak then covers the process' whole life, which the report says.
        }
        startTicks = cpuTicks(pid);
        startClientTicks = cpuTicks(client);
    }

    Usage end() {
        return new Usage((cpuTicks(pid) - startTicks) / TICKS_PER_SECOND, peakRssMiB(),
                (cpuTicks(client) - startClientTicks) / TICKS_PER_SECOND);
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields after the command: state is index 0, utime index 11, stime index 12.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
