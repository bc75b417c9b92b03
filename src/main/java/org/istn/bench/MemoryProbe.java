package org.istn.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory during a measurement.
 *
 * <ul>
 *   <li>Heap: the largest {@code MemoryMXBean} heap "used" seen by a sampler thread every 5 ms
 *       (it includes garbage not yet collected, so it tracks the collector's headroom as much as
 *       the program's need; ND4J keeps array data off-heap).</li>
 *   <li>RSS: the kernel's resident-set high-water mark {@code VmHWM} of {@code /proc/self/status},
 *       reset at the start by writing 5 to {@code /proc/self/clear_refs}. It counts everything
 *       resident: JVM, heap, ND4J/oneDNN native buffers, and whatever earlier rows left resident
 *       (the allocator keeps freed memory), so the table also gives the RSS at the start.</li>
 * </ul>
 * Without {@code /proc} the RSS figures are -1.
 */
final class MemoryProbe implements AutoCloseable {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final long rssAtStartKb;
    private final boolean hwmReset;
    private volatile long peakHeap;
    private volatile boolean running = true;

    /** Starts probing: resets the RSS high-water mark and starts the heap sampler. */
    MemoryProbe() {
        rssAtStartKb = statusKb("VmRSS:");
        hwmReset = resetHighWaterMark();
        peakHeap = memory.getHeapMemoryUsage().getUsed();
        sampler = new Thread(() -> {
            while (running) {
                long used = memory.getHeapMemoryUsage().getUsed();
                if (used > peakHeap) {
                    peakHeap = used;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Peak heap used so far, MB. */
    double peakHeapMb() {
        return peakHeap / 1048576.0;
    }

    /** Peak RSS since the start (or since the JVM started, when the reset failed), MB; -1 unknown. */
    double peakRssMb() {
        long kb = statusKb("VmHWM:");
        return kb < 0 ? -1 : kb / 1024.0;
    }

    /** RSS when the probe started, MB; -1 unknown. */
    double rssAtStartMb() {
        return rssAtStartKb < 0 ? -1 : rssAtStartKb / 1024.0;
    }

    /** Whether the high-water mark was reset (else the peak is the process's lifetime peak). */
    boolean peakIsPerMeasurement() {
        return hwmReset;
    }

    /** Current RSS, MB; -1 unknown. */
    static double rssMb() {
        long kb = statusKb("VmRSS:");
        return kb < 0 ? -1 : kb / 1024.0;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean resetHighWaterMark() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
