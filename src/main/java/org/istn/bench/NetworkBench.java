package org.istn.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the benchmark: for each setting and network, builds the workload, warms it up, times
 * forward and forward+backward steps and probes memory. A row that fails (out of memory, an ND4J
 * error) is reported as failed and the run goes on.
 */
public final class NetworkBench {

    private final BenchOptions options;
    private final PrintStream log;

    /**
     * @param options what to run
     * @param log     progress and, with {@code --profile}, the per-op breakdowns
     */
    public NetworkBench(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Runs every row, in table order. */
    public List<BenchResult> run() {
        List<BenchResult> results = new ArrayList<>();
        for (BenchSetting s : options.settings()) {
            for (String name : options.networks()) {
                for (boolean dx : Workloads.inputGradientVariants(name)) {
                    results.add(runOne(name, dx, s));
                }
            }
        }
        return results;
    }

    private BenchResult runOne(String name, boolean dx, BenchSetting s) {
        String label = dx ? name + " +dx" : name;
        log.printf(Locale.ROOT, "bench: %s on %s ...%n", label, s);
        releaseMemory();
        long t0 = System.nanoTime();
        try (MemoryProbe memory = new MemoryProbe()) {
            Workload w = Workloads.create(name, dx, s, options);
            StepTimer timer = new StepTimer(options.steps(), options.maxOtherCores(), options.gcBetweenSteps());
            for (int i = 0; i < options.warmup(); i++) {
                w.forward();
                timer.betweenSteps();
                w.forwardBackward();
                timer.betweenSteps();
            }
            StepTimer.Timing fwd = timer.time(w::forward);
            StepTimer.Timing fb = timer.time(w::forwardBackward);
            BenchResult r = new BenchResult(label, s, fwd.medianMs(options.steps()), fb.medianMs(options.steps()),
                    fwd.clean() + "/" + fwd.total(), fb.clean() + "/" + fb.total(), memory.peakHeapMb(),
                    memory.peakRssMb(), memory.rssAtStartMb(), Optional.empty());
            log.printf(Locale.ROOT, "bench:   fwd %.1f ms, fwd+bwd %.1f ms (%.1f samples/s), peak RSS %.0f MB,"
                    + " other processes up to %.2f cores; %.0f s%n", r.forwardMs(), r.fwdBwdMs(),
                    r.samplesPerSecond(), r.peakRssMb(), Math.max(fwd.maxOtherCores(), fb.maxOtherCores()),
                    (System.nanoTime() - t0) / 1e9);
            if (options.profile()) {
                profile(w);
            }
            return r;
        } catch (OutOfMemoryError | RuntimeException e) {
            log.printf(Locale.ROOT, "bench:   %s on %s failed: %s%n", label, s, e);
            return BenchResult.failed(label, s, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            releaseMemory();
        }
    }

    /** One more forward and forward+backward step each, with an op timing listener attached. */
    private void profile(Workload w) {
        OpTimingListener ops = new OpTimingListener();
        w.graph().setListeners(ops);
        try {
            long t0 = System.nanoTime();
            w.forward();
            double fwdMs = (System.nanoTime() - t0) / 1e6;
            log.printf(Locale.ROOT, "  profile %s, forward: wall %.1f ms%n%s", w.label(), fwdMs, ops.summary(1, 12));
            ops.reset();
            t0 = System.nanoTime();
            w.forwardBackward();
            double fbMs = (System.nanoTime() - t0) / 1e6;
            log.printf(Locale.ROOT, "  profile %s, forward+backward: wall %.1f ms%n%s", w.label(), fbMs,
                    ops.summary(1, 16));
        } finally {
            w.graph().setListeners();
        }
    }

    /** Lets the collector free the ND4J buffers of the previous row (their memory is off-heap). */
    private static void releaseMemory() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
