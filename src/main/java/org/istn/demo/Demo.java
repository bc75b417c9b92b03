package org.istn.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.istn.config.DomainAdaptationSettings;
import org.istn.config.InferenceSettings;
import org.istn.config.Job;
import org.istn.config.SettingsLoader;
import org.istn.config.TaskTrainingSettings;
import org.istn.job.DomainAdaptationJob;
import org.istn.job.TaskTrainingJob;
import org.istn.morpho.Domain;
import org.istn.morpho.MorphoMnist;
import org.istn.morpho.MorphoMnistOptions;
import org.istn.morpho.Split;
import org.istn.spark.InferenceJob;
import org.istn.spark.SparkSessions;
import org.istn.train.TrainingLoop;
import org.istn.train.event.RunEnd;
import org.istn.train.listen.TrainingListeners;

/**
 * {@code istn demo}: the whole workflow on Morpho-MNIST on an embedded local Spark. (1) Build the
 * two domains (thin digits S; thick, re-posed, contrast-changed digits T) from the real MNIST;
 * (2) train Task_S on S; (3) infer Task_S on the test sets of S and T; (4) train the
 * unidirectional ISTN S→T with the discriminator, fine-tuning Task_S on S2T; (5) infer the result
 * Task_S2T on T's test set; (6) write a report ({@link DemoReport}). Every step is the same job
 * users run from the command line, with its run folder under the demo's.
 */
public final class Demo {

    /** What the demo measured: accuracies, the gap closed, and where the report is. */
    public record Outcome(Path runDir, Path report, double taskSOnS, double taskSOnT, double taskS2TOnT) {
        /** {@code (S2T(T) − S(T)) / (S(S) − S(T))}. */
        public double gapClosed() {
            return Demo.gapClosed(taskSOnS, taskSOnT, taskS2TOnT);
        }
    }

    /** The metric names of {@code inference/summary} the demos read. */
    static final String ACCURACY = "accuracy";
    static final String AUC = "auc";

    /** The fraction of the drop from S to T that a model recovers: {@code (S2T(T) − S(T)) / (S(S) − S(T))}. */
    static double gapClosed(double sOnS, double sOnT, double s2tOnT) {
        return (s2tOnT - sOnT) / (sOnS - sOnT);
    }

    private Demo() {}

    public static Outcome run(DemoOptions o, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        Path out = o.out().toAbsolutePath();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path run = out.resolve(stamp);
        Files.createDirectories(run);

        step(log, 1, "data: Morpho-MNIST from the real MNIST (S = thinned, T = thickened + pose + contrast)");
        Path data = out.resolve(String.format(Locale.ROOT, "data/morpho-mnist-%d-%d-%d-seed%d", o.train(), o.val(),
                o.test(), o.seed()));
        if (MorphoMnist.isComplete(data)) {
            log.println("  reusing " + data);
        } else {
            MorphoMnistOptions mo = MorphoMnistOptions.defaults().withOut(data).withSizes(o.train(), o.val(), o.test())
                    .withSeed(o.seed());
            if (o.mnistDir().isPresent()) {
                mo = mo.withMnistDir(o.mnistDir().get());
            }
            MorphoMnist.build(mo, log);
        }

        SparkSession spark = SparkSessions.getOrCreate("istn demo", o.master());
        String runDir = run.toString();
        step(log, 2, "Task_S: train-task (" + o.label() + ") on S");
        Map<String, String> task = common(o, runDir);
        task.put("train_set", manifest(data, Domain.SOURCE, Split.TRAIN));
        task.put("test_set", manifest(data, Domain.SOURCE, Split.VAL));
        task.put("dataset_name", "S");
        task.put("model_type", "classifier");
        task.put("epochs", Integer.toString(o.taskEpochs()));
        task.put("learning_rate", "0.002");
        task.put("run_name", "task_s");
        TrainingLoop.Result tr = new TaskTrainingJob(spark, (TaskTrainingSettings) load(Job.TRAIN_TASK, task),
                new TaskTrainingJob.Options(false, 0), List.of(TrainingListeners.standard(false, false)))
                .run("task_s");
        check(tr, "Task_S");
        String taskS = runDir + "/task_s/models/best/task_model.zip";

        step(log, 3, "infer Task_S on the test sets of S and T");
        double sOnS = infer(spark, o, runDir, taskS, manifest(data, Domain.SOURCE, Split.TEST), "S", "task_s_on_S", log);
        double sOnT = infer(spark, o, runDir, taskS, manifest(data, Domain.TARGET, Split.TEST), "T", "task_s_on_T", log);

        Job daJob = o.bidirectional() ? Job.DA_BIDIRECTIONAL : Job.DA_UNIDIRECTIONAL;
        step(log, 4, daJob.command() + ": ISTN (" + (o.itn() ? "ITN + " : "") + o.stn() + " STN) S→T, fine-tuning Task_S"
                + " on S2T");
        Map<String, String> da = daKeys(common(o, runDir), manifest(data, Domain.SOURCE, Split.TRAIN),
                manifest(data, Domain.SOURCE, Split.VAL), manifest(data, Domain.TARGET, Split.TRAIN),
                manifest(data, Domain.TARGET, Split.VAL), taskS, o.itn(), o.stn());
        da.put("cp_spacing", "[7, 7]");
        da.put("nf", "6");
        da.put("epochs", Integer.toString(o.daEpochs()));
        // measured on this data (README "Demo"): the identity term (cyc_weight > 0) forbids the very
        // thickening and intensity shift T needs; the task term keeps S2T's digits readable
        da.put("learning_rate", "0.001");
        da.put("cyc_weight", "0");
        da.put("task_weight", "1");
        da.put("model_selection", "target");
        da.put("run_name", "da");
        TrainingLoop.Result dr = new DomainAdaptationJob(spark, (DomainAdaptationSettings) load(daJob, da), new DomainAdaptationJob.Options(false, false, 0), List.of(TrainingListeners.standard(true, false)))
                .run("da");
        check(dr, daJob.command());
        String taskS2T = runDir + "/da/models/best/task_model.zip";

        step(log, 5, "infer Task_S2T on the test set of T");
        double s2tOnT = infer(spark, o, runDir, taskS2T, manifest(data, Domain.TARGET, Split.TEST), "T", "task_s2t_on_T",
                log);

        step(log, 6, "report");
        Outcome outcome = new Outcome(run, run.resolve("report.md"), sOnS, sOnT, s2tOnT);
        DemoReport.write(spark, o, outcome, data, (System.nanoTime() - t0) / 1e9);
        return outcome;
    }

    static void step(PrintStream log, int n, String what) {
        log.println("istn demo [" + n + "/6] " + what);
    }

    /** The keys every job of the demo shares: the data, the label and the run folder. */
    private static Map<String, String> data(DemoOptions o, String runDir) {
        return dataKeys(o.label(), o.numClasses(), "[28, 28]", runDir);
    }

    /** The keys the two training jobs share. */
    private static Map<String, String> common(DemoOptions o, String runDir) {
        return trainingKeys(data(o, runDir), o.batch(), o.seed());
    }

    /**
     * The keys every job of a demo shares: the label, the input grid and the run folder; no
     * normalizer (both demos' data are already in [0, 1]).
     */
    static Map<String, String> dataKeys(String label, int numClasses, String inputShape, String runDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("label_key", label);
        m.put("num_classes", Integer.toString(numClasses));
        m.put("input_shape", inputShape);
        m.put("normalizer", "none");
        m.put("output_dir", runDir);
        return m;
    }

    /** The data keys and what a demo's two training jobs share: no augmentation, validation every epoch. */
    static Map<String, String> trainingKeys(Map<String, String> data, int batch, long seed) {
        Map<String, String> m = new LinkedHashMap<>(data);
        m.put("augmentation", "false");
        m.put("batch_size", Integer.toString(batch));
        m.put("val_interval", "1");
        m.put("early_stopping_epochs", "0");
        m.put("averaging_frequency", "5");
        m.put("seed", Long.toString(seed));
        return m;
    }

    /**
     * The training keys and what both demos' DA jobs share: S as site A and T as site B with their
     * train and validation manifests, Task_S fine-tuned as a classifier, the ISTN's parts.
     */
    static Map<String, String> daKeys(Map<String, String> training, String sTrain, String sVal, String tTrain,
            String tVal, String taskModel, boolean itn, String stn) {
        Map<String, String> m = new LinkedHashMap<>(training);
        m.put("siteA_name", "S");
        m.put("siteA_train", sTrain);
        m.put("siteA_val", sVal);
        m.put("siteB_name", "T");
        m.put("siteB_train", tTrain);
        m.put("siteB_val", tVal);
        m.put("task_model", taskModel);
        m.put("finetune", "true");
        m.put("model_type", "classifier");
        m.put("itn", Boolean.toString(itn));
        m.put("stn", stn);
        return m;
    }

    static String manifest(Path data, Domain d, Split s) {
        return data.resolve(d.folder()).resolve(s.fileName() + ".tsv").toString();
    }

    static Object load(Job job, Map<String, String> values) {
        return SettingsLoader.load(job, Optional.empty(), values, Map.of());
    }

    static void check(TrainingLoop.Result r, String what) {
        if (r.end().reason() != RunEnd.Reason.COMPLETED && r.end().reason() != RunEnd.Reason.EARLY_STOPPED) {
            throw new IllegalStateException("istn demo: " + what + " did not complete: " + r.end().message());
        }
    }

    private static double infer(SparkSession spark, DemoOptions o, String runDir, String model, String testSet,
            String site, String name, PrintStream log) throws Exception {
        return infer(spark, data(o, runDir), model, testSet, site, name, 128, log);
    }

    /** Runs {@code infer} of a task model over a test set with a demo's data keys; its accuracy. */
    static double infer(SparkSession spark, Map<String, String> data, String model, String testSet, String site,
            String name, int batch, PrintStream log) throws Exception {
        return inferMetrics(spark, data, model, testSet, site, name, batch, log).get(ACCURACY);
    }

    /**
     * Runs {@code infer} of a task model over a test set with a demo's data keys; its metrics
     * (accuracy, and for a binary classifier auc, …, as in {@code inference/summary}).
     */
    static Map<String, Double> inferMetrics(SparkSession spark, Map<String, String> data, String model,
            String testSet, String site, String name, int batch, PrintStream log) throws Exception {
        Map<String, String> m = new LinkedHashMap<>(data);
        m.put("test_set", testSet);
        m.put("dataset_name", site);
        m.put("task_model", model);
        m.put("batch_size", Integer.toString(batch));
        m.put("run_name", name);
        InferenceJob.Outcome r = InferenceJob.run(spark, (InferenceSettings) load(Job.INFER, m),
                new InferenceJob.Options(false, false, false));
        double acc = r.metrics().get(ACCURACY);
        log.printf(Locale.ROOT, "  %s: accuracy %.4f on %d subjects of %s%n", name, acc, r.n(), site);
        return r.metrics();
    }
}
