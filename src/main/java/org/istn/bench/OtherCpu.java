package org.istn.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time that other processes used during an interval: the system's busy time from
 * {@code /proc/stat} minus this JVM's own CPU time, in cores (1.0 = one core busy throughout).
 * On a machine without {@code /proc/stat} (or without the JVM's process CPU time) it reports 0.
 */
final class OtherCpu {

    /** Jiffies per second of {@code /proc/stat} (USER_HZ, 100 on Linux). */
    private static final long NANOS_PER_JIFFY = 10_000_000L;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private long busy0;
    private long own0;
    private long wall0;

    /** Starts an interval. */
    void start() {
        busy0 = systemBusyNanos();
        own0 = ownCpuNanos();
        wall0 = System.nanoTime();
    }

    /** Other processes' average CPU use since {@link #start()}, in cores; 0 when unknown. */
    double otherCores() {
        long wall = System.nanoTime() - wall0;
        long busy = systemBusyNanos();
        long own = ownCpuNanos();
        if (busy0 < 0 || busy < 0 || own0 < 0 || own < 0 || wall <= 0) {
            return 0;
        }
        return Math.max(0, (busy - busy0) - (own - own0)) / (double) wall;
    }

    private long ownCpuNanos() {
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() : -1;
    }

    /** user + nice + system + irq + softirq + steal of all CPUs, in nanoseconds; -1 if unreadable. */
    static long systemBusyNanos() {
        try {
            String[] f = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long jiffies = 0;
            // cpu user nice system idle iowait irq softirq steal
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    jiffies += Long.parseLong(f[i]);
                }
            }
            return jiffies * NANOS_PER_JIFFY;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
