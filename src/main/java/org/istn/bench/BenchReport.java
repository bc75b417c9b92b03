package org.istn.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/** The Markdown report: run description, the table, the PyTorch reference and how to read it. */
public final class BenchReport {

    /** PyTorch reference on this kind of machine (docs: STACK.md), torch with 2 threads. */
    public static final String REFERENCE = "PyTorch reference (reference code, torch, 2 threads, same kind of"
            + " 2-core machine): task model LeNet3D classifier 64^3 batch 16: 0.52 s per step, **30.5"
            + " samples/s** (fwd+bwd), 570 MB RSS; unidirectional DA step (ITN nf=6 + affine STN +"
            + " discriminator nf=32 at 64^3 + task), batch 16: ~100 s per step (0.15 samples/s), 6.6 GB RSS.";

    private BenchReport() {}

    /** The whole report. */
    public static String markdown(BenchOptions o, List<BenchResult> results, Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        sb.append("# istn bench\n\n");
        sb.append(String.format(Locale.ROOT, "%s; %d CPUs; Java %s; ND4J native %s; OMP_NUM_THREADS=%s;"
                        + " ND4J threads %d%n%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("org.bytedeco.javacpp.platform.extension", "(plain build)"),
                env.getOrDefault("OMP_NUM_THREADS", "unset"), Nd4j.getEnvironment().maxMasterThreads()));
        sb.append(String.format(Locale.ROOT, "Median of %d timed steps after %d warm-up steps (forward and"
                        + " forward+backward each); float32; batch statistics (train = 1); %s. Widths: ITN/STN nf=%d,"
                        + " discriminator nf=%d, task nf=%d; B-spline max_displacement %s, cp_spacing %s.%n%n",
                o.steps(), o.warmup(), o.gcBetweenSteps() ? "garbage collection between steps (untimed)"
                        : "no garbage collection between steps (--no-gc)", o.nf(), o.nfDiscriminator(), o.nfTask(), o.maxDisplacement(),
                o.cpSpacing().map(String::valueOf).orElse("4 (2D) / 8 (3D)")));
        sb.append(ResultTable.markdown(results)).append('\n');
        sb.append(REFERENCE).append('\n');
        for (BenchResult r : results) {
            if ((r.network().equals("classifier") || r.network().equals("classifier-fit"))
                    && r.setting().name().equals("3d16") && r.error().isEmpty() && o.nfTask() == 4) {
                sb.append(String.format(Locale.ROOT, "%nThis run: %s 64^3 batch 16: %.2f s per step,"
                        + " %.1f samples/s = %.2fx the PyTorch reference.%n", r.network(), r.fwdBwdMs() / 1000,
                        r.samplesPerSecond(), r.samplesPerSecond() / 30.5));
            }
        }
        sb.append("\nfwd+bwd: gradients of every trainable parameter (and of the input in +dx rows) of a"
                + " loss 0.01*sum(output); affine-stn/bspline-stn go through Istn with the grid sampler, whose"
                + " backward runs the graph forward again; *-fit rows are whole task-model training steps"
                + " (loss, gradients, Adam, running statistics). Clean steps: steps during which other processes"
                + " used at most " + o.maxOtherCores() + " CPU cores (disturbed steps are repeated up to 3x"
                + " --steps; the median is over clean steps when at least half were clean). Peak RSS is the"
                + " process's resident high-water mark during the row (it includes what earlier rows left"
                + " resident: RSS at the row's start in brackets). Peak heap includes uncollected garbage.\n");
        return sb.toString();
    }
}
