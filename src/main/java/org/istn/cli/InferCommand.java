package org.istn.cli;

import java.io.PrintStream;
import java.util.Map;
import org.istn.config.InferenceSettings;
import org.istn.config.Job;
import org.istn.spark.InferenceJob;

/**
 * {@code istn infer [--itn] [--stn] [--save_images] [options]}: evaluates a task model on
 * {@code test_set} (see {@link InferenceJob}), prints where it wrote and the run's metrics.
 */
final class InferCommand implements IstnMain.Command {

    private final Map<String, String> environment;
    private final PrintStream out;

    InferCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    @Override
    public int run(String[] argv) throws Exception {
        // help needs no valid configuration
        if (CommandLineArgs.parse(CommandLineArgs.Spec.forJob(Job.INFER), argv).helpRequested()) {
            out.print(CommandLineArgs.Spec.forJob(Job.INFER).usage());
            return IstnMain.OK;
        }
        JobInvocation inv = JobInvocation.parse(Job.INFER, argv, environment);
        CommandLineArgs a = inv.args();
        InferenceSettings s = (InferenceSettings) inv.settings();
        InferenceJob.Outcome r = InferenceJob.run(inv.spark(), s,
                new InferenceJob.Options(a.isSet("itn"), a.isSet("stn"), a.isSet("save_images")));
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        out.printf("istn infer: run %s, %d subjects of %s (site %s, %d labelled), %s model %s%n", r.run().runId(),
                r.n(), s.testSet(), r.run().site(), r.labelled(), r.run().taskKind(), r.run().model());
        out.println("predictions: " + r.predictions());
        out.println("summary:     " + r.summary());
        if (r.images() != null) {
            out.println("images:      " + r.images());
        }
        if (r.badRows() != null) {
            out.println("bad rows skipped; report: " + r.badRows());
        }
        if (r.metrics().isEmpty()) {
            out.println("metrics: none (the manifest has no column '" + s.data().labelKey() + "')");
        }
        r.metrics().forEach((k, v) -> out.printf("  %-18s %s%n", k, v.isNaN() ? "undefined" : String.format("%.6f", v)));
        return IstnMain.OK;
    }
}
