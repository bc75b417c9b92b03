package org.istn.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.istn.config.DataSettings;
import org.istn.config.DomainAdaptationSettings;
import org.istn.config.InferenceSettings;
import org.istn.config.Job;
import org.istn.config.JobSettings;
import org.istn.config.TaskTrainingSettings;
import org.istn.data.Preprocessor;
import org.istn.data.SampleLoader;
import org.istn.io.manifest.BadInputException;
import org.istn.io.manifest.BadRowReport;

/**
 * {@code istn check-data <job> [options]}: loads every manifest the job's configuration names,
 * decodes and preprocesses every volume on Spark exactly as the job would, and reports what is
 * usable. Without {@code --skip_bad} the first bad row fails the check (exit 1) with a message
 * naming manifest, row and file; with it, bad rows are written to
 * {@code <output_dir>/<run_name>/bad_rows_<role>.tsv} (role: train_set, siteA_val, …).
 */
final class CheckDataCommand implements IstnMain.Command {

    private final Map<String, String> environment;
    private final PrintStream out;

    CheckDataCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    /** A manifest to check and whether its rows must carry labels. */
    record Target(String role, String uri, boolean labelsRequired) {}

    @Override
    public int run(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].startsWith("-")) {
            throw new CommandLineArgs.UsageException("usage: istn check-data <job> [options], where <job> is one of "
                    + Arrays.stream(Job.values()).map(Job::command).toList() + " and the options are the job's");
        }
        Job job = Job.fromCommand(argv[0]);
        JobInvocation inv = JobInvocation.parse(job, Arrays.copyOfRange(argv, 1, argv.length), environment);
        if (inv.args().helpRequested()) {
            out.print(CommandLineArgs.Spec.forJob(job).usage());
            return 0;
        }
        JobSettings s = inv.settings();
        DataSettings data = s.data();
        String runDir = s.run().outputDir() + "/" + s.run().runNameOr(job, Instant.now());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(inv.spark().sparkContext());
        Preprocessor pre = new Preprocessor(data.inputShapeArray(), data.normalizer());
        int failures = 0;
        for (Target t : targets(s)) {
            SampleLoader.Options o = new SampleLoader.Options(data.idColumn(), data.imageColumn(), data.labelKey(),
                    t.labelsRequired(), pre, data.skipBad(), StorageLevel.fromString(data.cacheStorageLevel()),
                    data.numDatasetWorkers());
            try {
                SampleLoader.Loaded loaded = SampleLoader.load(sc, t.uri(), o);
                out.printf("%-12s %s: %d usable samples of shape %s%s, %d bad rows%n", t.role(), t.uri(),
                        loaded.count(), Arrays.toString(pre.inputShape()),
                        loaded.labelled() ? " with label '" + data.labelKey() + "'" : " (no labels)", loaded.badRows().size());
                if (!loaded.badRows().isEmpty()) {
                    String report = runDir + "/bad_rows_" + t.role() + ".tsv";
                    BadRowReport.write(loaded.badRows(), report, sc.hadoopConfiguration());
                    out.println("             bad rows skipped; report: " + report);
                }
                loaded.samples().unpersist();
            } catch (BadInputException e) {
                out.println(t.role() + " " + t.uri() + ": FAILED: " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** The manifests of a job, with whether the job needs their labels. */
    static List<Target> targets(JobSettings s) {
        List<Target> t = new ArrayList<>();
        if (s instanceof TaskTrainingSettings tt) {
            t.add(new Target("train_set", tt.trainSet(), true));
            t.add(new Target("test_set", tt.testSet(), true));
        } else if (s instanceof DomainAdaptationSettings da) {
            t.add(new Target("siteA_train", da.siteA().train(), true));
            t.add(new Target("siteA_val", da.siteA().val(), true));
            t.add(new Target("siteB_train", da.siteB().train(), false));
            t.add(new Target("siteB_val", da.siteB().val(), false));
        } else if (s instanceof InferenceSettings inf) {
            t.add(new Target("test_set", inf.testSet(), false));
        }
        Map<String, Target> unique = new LinkedHashMap<>();
        for (Target x : t) {
            unique.putIfAbsent(x.uri(), x);
        }
        return new ArrayList<>(unique.values());
    }
}
