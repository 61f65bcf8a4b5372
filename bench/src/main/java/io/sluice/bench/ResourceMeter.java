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
     * @param clientCpuSeconds the benchmark client's (this JVM's) CPU time over the same run
     */
    record Usage(double cpuSeconds, double peakRssMiB, double clientCpuSeconds) {
        static final Usage NONE = new Usage(Double.NaN, Double.NaN, Double.NaN);
    }

    private static final long CLIENT = ProcessHandle.current().pid();

    private final long pid;
    private long startTicks;
    private long startClientTicks;

    ResourceMeter(long pid) {
        this.pid = pid;
    }

    void begin() {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
        } catch (IOException e) {
            // Not permitted: the peak then covers the process' whole life, which the report says.
        }
        startTicks = cpuTicks(pid);
        startClientTicks = cpuTicks(CLIENT);
    }

    Usage end() {
        return new Usage((cpuTicks(pid) - startTicks) / TICKS_PER_SECOND, peakRssMiB(),
                (cpuTicks(CLIENT) - startClientTicks) / TICKS_PER_SECOND);
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
