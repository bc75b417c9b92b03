package org.istn.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.istn.config.DataSettings;
import org.istn.config.InferenceSettings;
import org.istn.config.Job;
import org.istn.config.SettingsException;
import org.istn.config.StnType;
import org.istn.data.Preprocessor;
import org.istn.data.Sample;
import org.istn.data.SampleLoader;
import org.istn.eval.TaskKind;
import org.istn.eval.TaskMetrics;
import org.istn.io.manifest.BadInputException;
import org.istn.io.manifest.BadRowReport;
import org.istn.io.manifest.ManifestRow;
import org.istn.nn.Istn;
import org.istn.nn.SameDiffTaskModel;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.nn.TransformerChain;
import org.istn.util.AppInfo;

/**
 * The {@code istn infer} job: evaluates a task model, optionally behind an ITN and/or STN, on
 * every subject of a manifest, on Spark, and writes under {@code <output_dir>/inference/}:
 * <ul>
 *   <li>{@code predictions/run_id=<run>/}: one Parquet row per subject ({@link InferenceTables});</li>
 *   <li>{@code summary/run_id=<run>/}: one Parquet row for the run, with the metrics of
 *       {@link TaskMetrics} when the manifest has labels;</li>
 *   <li>{@code images/<run>/} with {@code --save_images}: the transformed images and their
 *       manifest ({@link ImageExport});</li>
 *   <li>{@code bad_rows/<run>.tsv} with {@code skip_bad}: the rows left out.</li>
 * </ul>
 * Models and configuration are checked on the driver before any volume is decoded; errors name
 * the key, file and row. Runs on the driver; executors receive model bytes only.
 */
public final class InferenceJob {

    private InferenceJob() {}

    /**
     * The command's switches.
     *
     * @param applyItn apply the ITN of {@code itn_path} ({@code --itn})
     * @param applyStn apply the STN of {@code stn_path} ({@code --stn})
     * @param saveImages write the transformed images ({@code --save_images})
     */
    public record Options(boolean applyItn, boolean applyStn, boolean saveImages) {}

    /**
     * What a run did.
     *
     * @param images the image folder, or null without {@code --save_images}
     * @param badRows the bad-row report, or null when no row was skipped
     * @param metrics metric name → value ({@link TaskMetrics}); empty without labels
     * @param notes remarks for the user (settings that had no effect)
     */
    public record Outcome(InferenceRun run, String predictions, String summary, String images, String badRows,
            long n, long labelled, Map<String, Double> metrics, List<String> notes) {}

    /** A model file read on the driver. */
    record ModelFile(String uri, byte[] bytes) {}

    public static Outcome run(SparkSession spark, InferenceSettings s, Options o) throws IOException {
        Instant start = Instant.now();
        String runId = s.run().runNameOr(Job.INFER, start);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = sc.hadoopConfiguration();
        DataSettings data = s.data();
        String root = s.run().outputDir().replaceAll("/+$", "") + "/inference";
        List<String> notes = new ArrayList<>();

        // models, checked on the driver
        ModelFile taskFile = readModel("task_model", s.taskModel(), conf);
        TaskModelStore.Loaded task;
        try {
            task = TaskModelStore.load(new ByteArrayInputStream(taskFile.bytes()), taskFile.uri(), 0.0);
        } catch (IOException e) {
            throw new BadInputException("task_model: " + e.getMessage());
        }
        checkTaskModel(task.model(), taskFile.uri(), s);
        ModelFile itnFile = null;
        ModelFile stnFile = null;
        if (o.applyItn()) {
            itnFile = readModel("itn_path", s.itnPath().orElseThrow(() -> new SettingsException("itn_path",
                    "--itn applies the ITN saved at itn_path, but itn_path is none; set itn_path or leave out --itn")),
                    conf);
        } else if (s.itnPath().isPresent()) {
            notes.add("itn_path is set but --itn was not given: the ITN is not applied");
        }
        if (o.applyStn()) {
            String path = s.stnPath().orElseThrow(() -> new SettingsException("stn_path",
                    "--stn applies the STN saved at stn_path, but stn_path is none; set stn_path or leave out --stn"));
            stnFile = itnFile != null && path.equals(s.itnPath().orElse(null)) ? itnFile
                    : readModel("stn_path", path, conf);
        } else if (s.stnPath().isPresent()) {
            notes.add("stn_path is set but --stn was not given: the STN is not applied");
        }
        ModelBytes models = new ModelBytes(taskFile.bytes(), taskFile.uri(),
                itnFile == null ? null : itnFile.bytes(), itnFile == null ? null : itnFile.uri(),
                stnFile == null ? null : stnFile.bytes(), stnFile == null ? null : stnFile.uri());
        TransformerChain chain;
        try {
            chain = models.transformers();
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        checkTransformers(chain, s, itnFile, stnFile);

        // subjects
        Preprocessor pre = new Preprocessor(data.inputShapeArray(), data.normalizer());
        StorageLevel level = StorageLevel.fromString(data.cacheStorageLevel());
        SampleLoader.Loaded loaded = SampleLoader.load(sc, s.testSet(), new SampleLoader.Options(data.idColumn(),
                data.imageColumn(), data.labelKey(), false, pre, data.skipBad(), level, data.numDatasetWorkers()));
        String badRows = null;
        if (!loaded.badRows().isEmpty()) {
            badRows = root + "/bad_rows/" + runId + ".tsv";
            BadRowReport.write(loaded.badRows(), badRows, conf);
        }
        TaskModel.Kind kind = task.model().kind();
        if (loaded.labelled() && kind != TaskModel.Kind.REGRESSOR) {
            sc.setJobDescription("infer " + runId + ": check the labels of " + s.testSet() + " are classes");
            checkClassLabels(loaded.samples(), kind == TaskModel.Kind.BINARY ? 2 : task.model().numClasses(),
                    loaded.manifest().uri(), data.labelKey(), kind, taskFile.uri());
        }

        // predictions
        String site = s.datasetName().orElseGet(() -> baseName(s.testSet()));
        InferenceRun run = new InferenceRun(runId, start, taskFile.uri(), task.provenance().configHash(),
                itnFile == null ? null : itnFile.uri(), stnFile == null ? null : stnFile.uri(), site, s.testSet(),
                s.configHash(), AppInfo.VERSION, kind.name());
        Broadcast<ModelBytes> shipped = sc.broadcast(models);
        JavaRDD<SubjectPrediction> predictions = DistributedInference
                .predict(loaded.samples(), shipped, s.batchSize(), o.saveImages()).persist(level);
        try {
            sc.setJobDescription("infer " + runId + ": predict " + loaded.count() + " subjects of " + s.testSet()
                    + " with " + taskFile.uri() + describe(itnFile, stnFile));
            long n = predictions.count();
            sc.setJobDescription("infer " + runId + ": gather labels and predictions for the metrics");
            List<double[]> rows = predictions.filter(SubjectPrediction::hasLabel).map(InferenceJob::metricInput)
                    .collect();
            Map<String, Double> metrics = loaded.labelled() ? metrics(kind, rows, s.thresholds()) : Map.of();

            String images = null;
            if (o.saveImages()) {
                Map<String, String> labelText = new HashMap<>();
                for (ManifestRow r : loaded.manifest().rows()) {
                    String cell = r.cell(data.labelKey());
                    if (cell != null) {
                        labelText.put(r.id(), cell.trim());
                    }
                }
                images = ImageExport.write(sc, predictions, root + "/images", runId, data.inputShapeArray(),
                        new ImageExport.Columns(data.idColumn(), data.imageColumn(),
                                loaded.labelled() ? data.labelKey() : null), labelText);
            }
            String predictionTable = root + "/predictions";
            String summaryTable = root + "/summary";
            sc.setJobDescription("infer " + runId + ": write " + n + " predictions to " + predictionTable);
            InferenceTables.writePredictions(spark, predictions, run, predictionTable, n);
            sc.setJobDescription("infer " + runId + ": write the run summary to " + summaryTable);
            InferenceTables.writeSummary(spark, InferenceTables.summaryRow(run, n, rows.size(), metrics,
                    s.thresholds()), summaryTable);
            return new Outcome(run, predictionTable + "/" + InferenceTables.RUN_ID + "=" + runId,
                    summaryTable + "/" + InferenceTables.RUN_ID + "=" + runId, images, badRows, n, rows.size(),
                    metrics, notes);
        } finally {
            sc.setJobDescription(null);
            predictions.unpersist();
            loaded.samples().unpersist();
            shipped.destroy();
        }
    }

    /** Label, then the prediction as metrics take it (P(1), the class probabilities, or the value). */
    static double[] metricInput(SubjectPrediction p) {
        if (p.probabilities() == null) {
            return new double[] {p.label(), p.prediction()};
        }
        if (p.probabilities().length == 2) {
            return new double[] {p.label(), p.probabilities()[1]};
        }
        double[] r = new double[p.probabilities().length + 1];
        r[0] = p.label();
        System.arraycopy(p.probabilities(), 0, r, 1, p.probabilities().length);
        return r;
    }

    private static Map<String, Double> metrics(TaskModel.Kind kind, List<double[]> rows, List<Double> thresholds) {
        double[] labels = new double[rows.size()];
        double[][] predictions = new double[rows.size()][];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i)[0];
            predictions[i] = java.util.Arrays.copyOfRange(rows.get(i), 1, rows.get(i).length);
        }
        return TaskMetrics.compute(TaskKind.valueOf(kind.name()), labels, predictions, thresholds);
    }

    /** Reads a whole model file on the driver; a missing file is a {@link BadInputException} naming it. */
    static ModelFile readModel(String key, String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        Path q = fs.makeQualified(p);
        FileStatus st;
        try {
            st = fs.getFileStatus(q);
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException(key + " file not found: " + q + " (" + key + " = " + uri + ")");
        }
        if (st.isDirectory()) {
            throw new BadInputException(key + " is a folder, expected a model file: " + q);
        }
        try (InputStream in = fs.open(q)) {
            return new ModelFile(q.toString(), in.readAllBytes());
        }
    }

    private static void checkTaskModel(TaskModel m, String uri, InferenceSettings s) {
        int classes = m.kind() == TaskModel.Kind.MULTICLASS ? m.numClasses() : 1;
        if (classes != s.network().numClasses()) {
            throw new SettingsException("num_classes", "num_classes is " + s.network().numClasses()
                    + " but the task model " + uri + " is a " + m.kind() + " model with " + classes
                    + " output(s); set num_classes = " + classes);
        }
        if (m instanceof SameDiffTaskModel sd
                && !java.util.Arrays.equals(sd.network().inputShape(), s.data().inputShapeArray())) {
            throw new SettingsException("input_shape", "input_shape is " + s.data().inputShape()
                    + " but the task model " + uri + " was trained on "
                    + java.util.Arrays.toString(sd.network().inputShape()) + "; set input_shape to match");
        }
    }

    private static void checkTransformers(TransformerChain chain, InferenceSettings s, ModelFile itn, ModelFile stn) {
        for (Istn stage : chain.stages()) {
            int[] shape = TransformerChain.inputShape(stage);
            if (!java.util.Arrays.equals(shape, s.data().inputShapeArray())) {
                String file = stage.itn() != null ? itn.uri() : stn.uri();
                throw new SettingsException("input_shape", "input_shape is " + s.data().inputShape()
                        + " but the transformer " + file + " was trained on " + java.util.Arrays.toString(shape)
                        + "; set input_shape to match");
            }
            StnType expected = s.stn().type();
            if (stage.stn() != null && expected != StnType.NONE
                    && !stage.stn().kind().equals(expected.configName() + "-stn")) {
                throw new SettingsException("stn", "stn is " + expected.configName() + " but " + stn.uri()
                        + " holds a " + stage.stn().kind() + "; set stn to match or to none");
            }
        }
    }

    private static void checkClassLabels(JavaRDD<Sample> samples, int classes, String manifest, String labelKey,
            TaskModel.Kind kind, String model) {
        List<String> bad = samples.filter(x -> x.hasLabel() && !isClass(x.label(), classes))
                .map(x -> manifest + " row " + x.line() + " (id " + x.id() + "): " + labelKey + " is " + x.label())
                .take(1);
        if (!bad.isEmpty()) {
            throw new BadInputException(bad.get(0) + ", not a class of the " + kind + " task model " + model
                    + " (expected " + (classes == 2 ? "0 or 1" : "a whole number in [0, " + (classes - 1) + "]") + ")");
        }
    }

    private static boolean isClass(float label, int classes) {
        return label >= 0 && label < classes && label == Math.rint(label);
    }

    private static String describe(ModelFile itn, ModelFile stn) {
        if (itn == null && stn == null) {
            return "";
        }
        if (itn != null && stn != null) {
            return itn == stn ? " after the ISTN " + itn.uri() : " after the ITN " + itn.uri() + " and the STN "
                    + stn.uri();
        }
        return itn != null ? " after the ITN " + itn.uri() : " after the STN " + stn.uri();
    }

    /** {@code hdfs://nn/data/ukbb/test.tsv} → {@code test}. */
    static String baseName(String uri) {
        String name = new Path(uri).getName();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
