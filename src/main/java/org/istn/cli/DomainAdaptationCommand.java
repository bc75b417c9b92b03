package org.istn.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.istn.config.DomainAdaptationSettings;
import org.istn.config.Job;
import org.istn.job.DomainAdaptationJob;
import org.istn.train.TrainingListener;
import org.istn.train.TrainingLoop;
import org.istn.train.event.RunEnd;

/** {@code istn da-unidirectional} and {@code istn da-bidirectional}. */
final class DomainAdaptationCommand implements IstnMain.Command {
    private final Job job;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    DomainAdaptationCommand(Job job, Map<String, String> env, PrintStream out, PrintStream err) {
        this.job = job;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public int run(String[] args) throws Exception {
        JobInvocation inv = JobInvocation.parse(job, args, env);
        if (inv.args().helpRequested()) {
            out.print(CommandLineArgs.Spec.forJob(job).usage());
            return IstnMain.OK;
        }
        DomainAdaptationSettings s = (DomainAdaptationSettings) inv.settings();
        SparkSession spark = inv.spark();
        String runId = DomainAdaptationJob.runId(s, Instant.now());
        String runDir = s.run().outputDir().replaceAll("/+$", "") + "/" + runId;
        List<TrainingListener> listeners = RunListeners.standard(inv.args());
        DomainAdaptationJob.Options o = new DomainAdaptationJob.Options(inv.args().isSet("resume"),
                inv.args().isSet("B2A"), 0);
        TrainingLoop.Result r = new DomainAdaptationJob(spark, s, o, listeners).run(runId);
        out.println("istn " + job.command() + ": " + r.end().message() + "; run folder " + runDir);
        if (r.end().reason() == RunEnd.Reason.DIVERGED || r.end().reason() == RunEnd.Reason.FAILED) {
            err.println("istn " + job.command() + ": " + r.end().message());
            return IstnMain.FAILED;
        }
        return IstnMain.OK;
    }
}
