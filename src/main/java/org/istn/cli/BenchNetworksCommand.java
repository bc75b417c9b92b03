package org.istn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.istn.bench.BenchOptions;
import org.istn.bench.BenchReport;
import org.istn.bench.BenchResult;
import org.istn.bench.DroppedLines;
import org.istn.bench.NetworkBench;
import org.istn.io.fs.AtomicFiles;

/**
 * {@code istn bench}: forward and forward+backward time, throughput and peak memory of every
 * network (ITN, affine and B-spline STN with and without the grid sampler, discriminator, task
 * classifier and regressor) on 2D 28×28 batch 64 and 3D 64³ batch 4 and 16, as a Markdown table
 * with the PyTorch reference beside it. Options: see {@link BenchOptions#usage()}. Progress goes
 * to stderr, the report to stdout (and to {@code --out FILE}).
 */
public final class BenchNetworksCommand implements IstnMain.Command {

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public BenchNetworksCommand() {
        this(System.getenv(), System.out, System.err);
    }

    public BenchNetworksCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Runs the command on its own (as {@code istn bench} does) and exits with its code. */
    public static void main(String[] args) throws IOException {
        System.exit(new BenchNetworksCommand().run(args));
    }

    @Override
    public int run(String[] args) throws IOException {
        Optional<BenchOptions> parsed;
        try {
            parsed = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            err.println("istn bench: " + e.getMessage());
            err.println(BenchOptions.usage());
            return IstnMain.USAGE;
        }
        if (parsed.isEmpty()) {
            out.println(BenchOptions.usage());
            return IstnMain.OK;
        }
        BenchOptions o = parsed.get();
        List<BenchResult> results;
        PrintStream stdout = System.out;
        // SameDiff prints a line per op to System.out whenever it builds a gradient graph
        try (PrintStream quiet = new PrintStream(new DroppedLines(err, DroppedLines.SAMEDIFF_GRADIENT_NOISE), true,
                StandardCharsets.UTF_8)) {
            System.setOut(quiet);
            results = new NetworkBench(o, err).run();
        } finally {
            System.setOut(stdout);
        }
        String report = BenchReport.markdown(o, results, env);
        out.print(report);
        out.flush();
        if (o.out().isPresent()) {
            byte[] bytes = report.getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(o.out().get(), new Configuration(), os -> os.write(bytes));
            err.println("istn bench: report written to " + o.out().get());
        }
        return results.stream().anyMatch(r -> r.error().isPresent()) ? IstnMain.FAILED : IstnMain.OK;
    }
}
