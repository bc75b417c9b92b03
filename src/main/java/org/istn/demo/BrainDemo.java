package org.istn.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.istn.brain.BrainCohort;
import org.istn.brain.BrainCohortOptions;
import org.istn.brain.Site;
import org.istn.brain.SiteProfile;
import org.istn.brain.Split;
import org.istn.config.DomainAdaptationSettings;
import org.istn.config.Job;
import org.istn.config.TaskTrainingSettings;
import org.istn.job.DomainAdaptationJob;
import org.istn.job.TaskTrainingJob;
import org.istn.spark.SparkSessions;
import org.istn.train.TrainingLoop;
import org.istn.train.listen.TrainingListeners;

/**
 * {@code istn demo --cohort brain}: the workflow of {@link Demo} on the 3D two-site brain cohort
 * ({@code make-brain-cohort}, docs/brain-cohort.md). (1) Build (or reuse) the cohort from
 * Colin27: sites S and T differ by intensity profile and head pose; (2) train Task_S, the 3D
 * SameDiff LeNet classifying the binary {@code size_class}, on S; (3) infer Task_S on the test sets
 * of S and T; (4) train the unidirectional ISTN S→T against the discriminator, fine-tuning Task_S
 * on S2T; (5) infer Task_S2T on T's test set; (6) write the report ({@link BrainDemoReport}).
 * Every step is the job users run from the command line, with its run folder under the demo's.
 */
public final class BrainDemo {
    /** The label: 1 when the brain volume is above the cohort's threshold. */
    static final String LABEL = "size_class";
    /** The cohort's field of view per axis, mm (make-brain-cohort's default). */
    static final double FOV_MM = 256;

    private BrainDemo() {}

    public static Demo.Outcome run(BrainDemoOptions o, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        Path out = o.out().toAbsolutePath();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path run = out.resolve(stamp);
        Files.createDirectories(run);

        Demo.step(log, 1, "data: the two-site brain cohort from Colin27 (" + o.size() + "³; T = other bias field,"
                + " contrast, blur, noise, head pose and magnification " + o.magnification() + ")");
        BrainCohort.Result cohort = BrainCohort.build(cohortOptions(o), log);
        if (cohort.reused()) {
            log.println("  reusing " + cohort.root());
        }

        SparkSession spark = SparkSessions.getOrCreate("istn demo --cohort brain", o.master());
        String runDir = run.toString();
        Demo.step(log, 2, "Task_S: train-task (binary " + LABEL + ", 3D LeNet) on S");
        Map<String, String> task = common(o, runDir);
        task.put("train_set", manifest(cohort, Site.S, Split.TRAIN));
        task.put("test_set", manifest(cohort, Site.S, Split.VAL));
        task.put("dataset_name", "S");
        task.put("model_type", "classifier");
        task.put("epochs", Integer.toString(o.taskEpochs()));
        task.put("learning_rate", "0.001");
        task.put("run_name", "task_s");
        TrainingLoop.Result tr = new TaskTrainingJob(spark, (TaskTrainingSettings) Demo.load(Job.TRAIN_TASK, task),
                new TaskTrainingJob.Options(false, 0), List.of(TrainingListeners.standard(false, false)))
                .run("task_s");
        Demo.check(tr, "Task_S");
        String taskS = runDir + "/task_s/models/best/task_model.zip";

        Demo.step(log, 3, "infer Task_S on the test sets of S and T");
        Map<String, Double> sOnS = infer(spark, o, runDir, taskS, manifest(cohort, Site.S, Split.TEST), "S",
                "task_s_on_S", log);
        Map<String, Double> sOnT = infer(spark, o, runDir, taskS, manifest(cohort, Site.T, Split.TEST), "T",
                "task_s_on_T", log);

        Demo.step(log, 4, "da-unidirectional: ISTN (" + (o.itn() ? "ITN + " : "") + o.stn() + " STN) S→T, fine-tuning"
                + " Task_S on S2T");
        Map<String, String> da = Demo.daKeys(common(o, runDir), manifest(cohort, Site.S, Split.TRAIN),
                manifest(cohort, Site.S, Split.VAL), manifest(cohort, Site.T, Split.TRAIN),
                manifest(cohort, Site.T, Split.VAL), taskS, o.itn(), o.stn());
        int cp = o.size() / 4;
        da.put("cp_spacing", "[" + cp + ", " + cp + ", " + cp + "]");
        da.put("nf", "4");
        da.put("epochs", Integer.toString(o.daEpochs()));
        // measured (docs/brain-cohort.md): with instance norm the discriminator cannot see global
        // intensity or brain size, wins on other cues and leaves the ITN to drift and the STN at
        // the identity; without it the STN learns T's pose and magnification
        da.put("dis_norm", "none");
        da.put("learning_rate", "0.001");
        // no identity term, as in the 2D demo: it pulls the ISTN toward the identity, the opposite
        // of the magnification and contrast change S→T needs
        da.put("cyc_weight", "0");
        // the task loss on S2T also trains the ISTN (through the task model), as in the 2D demo
        da.put("task_weight", "1");
        da.put("model_selection", "target");
        da.put("run_name", "da");
        TrainingLoop.Result dr = new DomainAdaptationJob(spark,
                (DomainAdaptationSettings) Demo.load(Job.DA_UNIDIRECTIONAL, da),
                new DomainAdaptationJob.Options(false, false, 0), List.of(TrainingListeners.standard(true, false)))
                .run("da");
        Demo.check(dr, "da-unidirectional");
        // Task_S2T is the last epoch's model: T's 25 validation subjects make a coarse selection
        // (several epochs tie at the best accuracy and the first one, with the ISTN barely trained,
        // would be picked); the selected model is reported beside it
        Demo.step(log, 5, "infer Task_S2T (the DA job's last epoch) and the epoch selected on T's validation set"
                + " on the test set of T");
        Map<String, Double> s2tOnT = infer(spark, o, runDir, runDir + "/da/models/last/task_model.zip",
                manifest(cohort, Site.T, Split.TEST), "T", "task_s2t_on_T", log);
        Map<String, Double> s2tSelectedOnT = infer(spark, o, runDir, runDir + "/da/models/best/task_model.zip",
                manifest(cohort, Site.T, Split.TEST), "T", "task_s2t_selected_on_T", log);

        Demo.step(log, 6, "report");
        Demo.Outcome outcome = new Demo.Outcome(run, run.resolve("report.md"), sOnS.get(Demo.ACCURACY),
                sOnT.get(Demo.ACCURACY), s2tOnT.get(Demo.ACCURACY));
        BrainDemoReport.write(spark, o, outcome, new BrainDemoReport.Figures(sOnS, sOnT, s2tOnT, s2tSelectedOnT),
                cohort.root(), (System.nanoTime() - t0) / 1e9);
        return outcome;
    }

    /**
     * The cohort: make-brain-cohort's defaults at the demo's grid, sizes and seed, with site T's
     * magnification and site S's noise level at T: a deterministic ISTN can match T's bias field,
     * contrast, blur and pose but cannot add noise, and the discriminator would tell the sites
     * apart by the noise alone (docs/brain-cohort.md, "Measured").
     */
    static BrainCohortOptions cohortOptions(BrainDemoOptions o) {
        BrainCohortOptions d = BrainCohortOptions.defaults();
        SiteProfile s = d.source();
        SiteProfile t = d.target();
        Path data = o.out().toAbsolutePath().resolve(String.format(Locale.ROOT,
                "data/brain-%d-%d-%d-%d-m%s-n%s-seed%d", o.size(), o.train(), o.val(), o.test(),
                o.magnificationText(), BrainDemoOptions.plain(s.noise()), o.seed()));
        return d.withTemplate(o.template()).withOut(data).withGrid(o.size(), FOV_MM)
                .withSizes(o.train(), o.val(), o.test()).withSeed(o.seed())
                .withSites(s, t.withIntensity(t.bias(), t.gamma(), s.noise(), t.blur())
                        .withPose(t.pose().withMagnification(o.magnification())));
    }

    static String manifest(BrainCohort.Result cohort, Site site, Split split) {
        return cohort.manifest(site, split).toString();
    }

    /** The keys every job of the demo shares: the label, the grid and the run folder. */
    private static Map<String, String> data(BrainDemoOptions o, String runDir) {
        // the cohort's intensities are already in [0, 1]: no normalizer
        return Demo.dataKeys(LABEL, 1, "[" + o.size() + ", " + o.size() + ", " + o.size() + "]", runDir);
    }

    /** The keys the two training jobs share. */
    private static Map<String, String> common(BrainDemoOptions o, String runDir) {
        return Demo.trainingKeys(data(o, runDir), o.batch(), o.seed());
    }

    private static Map<String, Double> infer(SparkSession spark, BrainDemoOptions o, String runDir, String model,
            String testSet, String site, String name, PrintStream log) throws Exception {
        return Demo.inferMetrics(spark, data(o, runDir), model, testSet, site, name, 8, log);
    }
}
