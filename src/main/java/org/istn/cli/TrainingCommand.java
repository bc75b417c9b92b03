package org.istn.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.istn.config.DomainAdaptationSettings;
import org.istn.config.TaskTrainingSettings;
import org.istn.config.Job;
import org.istn.config.RunSettings;
import org.istn.job.DomainAdaptationJob;
import org.istn.job.TaskTrainingJob;
import org.istn.train.TrainingListener;
import org.istn.train.TrainingLoop;
import org.istn.train.event.RunEnd;

/** The training commands: {@code istn train-task}, {@code da-unidirectional} and {@code da-bidirectional}. */
final class TrainingCommand implements IstnMain.Command {
    private final Job job;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    TrainingCommand(Job job, Map<String, String> env, PrintStream out, PrintStream err) {
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
        boolean resume = inv.args().isSet("resume");
        RunSettings run = inv.settings() instanceof TaskTrainingSettings t ? t.run()
                : ((DomainAdaptationSettings) inv.settings()).run();
        if (resume && run.runName().isEmpty()) {
            throw new CommandLineArgs.UsageException("--resume continues the run in <output_dir>/<run_name>, but"
                    + " run_name is not set; give the interrupted run's folder name with --run_name NAME");
        }
        SparkSession spark = inv.spark();
        List<TrainingListener> listeners = RunListeners.standard(inv.args());
        String runId;
        String outputDir;
        TrainingLoop.Result r;
        if (inv.settings() instanceof TaskTrainingSettings s) {
            runId = TaskTrainingJob.runId(s, Instant.now());
            outputDir = s.run().outputDir();
            r = new TaskTrainingJob(spark, s, new TaskTrainingJob.Options(resume, 0), listeners).run(runId);
        } else {
            DomainAdaptationSettings s = (DomainAdaptationSettings) inv.settings();
            runId = DomainAdaptationJob.runId(s, Instant.now());
            outputDir = s.run().outputDir();
            DomainAdaptationJob.Options o = new DomainAdaptationJob.Options(resume, inv.args().isSet("B2A"), 0);
            r = new DomainAdaptationJob(spark, s, o, listeners).run(runId);
        }
        String runDir = outputDir.replaceAll("/+$", "") + "/" + runId;
        out.println("istn " + job.command() + ": " + r.end().message() + "; run folder " + runDir);
        if (r.end().reason() == RunEnd.Reason.DIVERGED || r.end().reason() == RunEnd.Reason.FAILED) {
            err.println("istn " + job.command() + ": " + r.end().message());
            return IstnMain.FAILED;
        }
        return IstnMain.OK;
    }
}
