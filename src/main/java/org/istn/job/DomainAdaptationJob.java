package org.istn.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.istn.config.DataSettings;
import org.istn.config.DomainAdaptationSettings;
import org.istn.config.ModelSelection;
import org.istn.config.SiteSettings;
import org.istn.data.Augmenter;
import org.istn.data.Batches;
import org.istn.data.Sample;
import org.istn.io.fs.AtomicFiles;
import org.istn.nn.Istn;
import org.istn.nn.ModelStore;
import org.istn.nn.Provenance;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.nn.TransformExplainer;
import org.istn.spark.AveragingEpochTrainer;
import org.istn.spark.ModelPool;
import org.istn.spark.ParameterAveragingTrainer;
import org.istn.train.DomainAdaptationModel;
import org.istn.train.DomainAdaptationRecipe;
import org.istn.train.StateVector;
import org.istn.train.TrainingListener;
import org.istn.train.TrainingLoop;
import org.istn.train.event.SampleImages;
import org.istn.train.event.SubjectExplanation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code da-unidirectional} and {@code da-bidirectional}: loads both sites, trains the ISTN(s),
 * discriminator(s) and the task model on A2B by parameter averaging, validates on both
 * validation sets (task metrics on A2B with A's labels and on B when B is labelled; the best model
 * is selected on A2B, as in the reference, or on B with {@code model_selection = target}; the discriminator's accuracy; intensity statistics),
 * and writes models ({@code models/best}, {@code models/last}: {@code istn_A2B.zip},
 * {@code istn_B2A.zip} when bidirectional, {@code task_model.zip}) and checkpoints.
 */
public final class DomainAdaptationJob {
    private static final Logger LOG = LoggerFactory.getLogger(DomainAdaptationJob.class);
    private static final int SAMPLE_SUBJECTS = 4;

    /** Command-line switches of the job. */
    public record Options(boolean resume, boolean b2a, int workers) {}

    private final SparkSession spark;
    private final DomainAdaptationSettings settings;
    private final Options options;
    private final List<TrainingListener> listeners;

    public DomainAdaptationJob(SparkSession spark, DomainAdaptationSettings settings, Options options,
            List<TrainingListener> listeners) {
        this.spark = spark;
        this.settings = settings;
        this.options = options;
        this.listeners = List.copyOf(listeners);
    }

    /** Runs the job; returns the loop's result. */
    public TrainingLoop.Result run(String runId) throws Exception {
        DomainAdaptationSettings s = settings;
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = sc.hadoopConfiguration();
        SiteSettings siteA = options.b2a() ? s.siteB() : s.siteA();
        SiteSettings siteB = options.b2a() ? s.siteA() : s.siteB();
        RunFolder folder = RunFolder.create(s, runId, options.resume(), conf);
        folder.record(s, s.files(), conf);
        DataSettings d = s.data();
        Datasets.Loaded aTrain = Datasets.load(sc, d, siteA.train(), true, "site A (" + siteA.name() + ") training");
        Datasets.Loaded bTrain = Datasets.load(sc, d, siteB.train(), false, "site B (" + siteB.name() + ") training");
        Datasets.Loaded aVal = Datasets.load(sc, d, siteA.val(), true, "site A validation");
        Datasets.Loaded bVal = Datasets.load(sc, d, siteB.val(), false, "site B validation");
        Datasets.reportBadRows(folder, conf, aTrain, bTrain, aVal, bVal);

        byte[] taskBytes = s.finetune() ? read(s.taskModel().orElseThrow(), conf) : null;
        DomainAdaptationRecipe recipe = new DomainAdaptationRecipe(d.inputShapeArray(), s.bidirectional(),
                s.itn(), s.stn().type(), s.stn().maxDisplacement(),
                s.stn().cpSpacing().stream().mapToInt(Integer::intValue).toArray(), s.network().nf(),
                s.losses().gan(), s.losses().idt(), s.losses().dis(), s.losses().disNorm().instanceNorm(),
                s.losses().cyc().orElse(null),
                s.losses().cycWeight(), s.losses().taskWeight(), s.optim().learningRate(), s.run().seed(), s.modelType(),
                s.network().numClasses(), taskBytes);
        Augmenter aug = d.augmentation().enabled()
                ? new Augmenter(s.run().seed(), d.augmentation().maxShift(), d.augmentation().flip()) : null;
        int workers = options.workers() > 0 ? options.workers() : sc.defaultParallelism();
        DomainAdaptationModel driver = recipe.build();
        ParameterAveragingTrainer<DomainAdaptationModel> pat = new ParameterAveragingTrainer<>(sc, recipe, aug,
                s.run().seed(), s.job().command());
        AveragingEpochTrainer<DomainAdaptationModel> engine = new AveragingEpochTrainer<>(pat, aTrain.samples(),
                aTrain.ids(), bTrain.samples(), bTrain.ids(), driver.lossNames(), s.run().seed(), s.optim().batchSize(),
                workers, s.optim().averagingFrequency());
        LOG.info("{}: A = {} ({} training, {} validation images), B = {} ({} / {}), {} workers, {} steps per epoch",
                s.job().command(), siteA.name(), aTrain.ids().size(), aVal.ids().size(), siteB.name(),
                bTrain.ids().size(), bVal.ids().size(), workers, engine.stepsPerEpoch());

        if (s.selection() == ModelSelection.TARGET && !bVal.labelled()) {
            throw new IllegalArgumentException("model_selection = target needs labels in siteB_val, but "
                    + bVal.uri() + " has no " + d.labelKey() + " labels; label it or use model_selection = source");
        }
        sc.setJobDescription(s.job().command() + ": collecting validation images");
        List<Sample> valA = sorted(aVal.samples().collect());
        List<Sample> valB = sorted(bVal.samples().collect());
        TrainingLoop.Settings ls = new TrainingLoop.Settings(runId, s.job().command(), folder.uri(),
                s.optim().epochs(), s.optim().valInterval(), s.optim().earlyStoppingEpochs(), s.optim().batchSize(),
                options.resume(), s.run().seed(), s.toConfigMap(), s.configHash());
        TrainingLoop loop = new TrainingLoop(ls, spark, conf, listeners);
        try {
            return loop.run(engine, StateVector.of(driver.exportState()),
                    (epoch, state) -> validate(driver, state, valA, valB, bVal.labelled()),
                    (dir, state, prov) -> save(driver, state, dir, prov, conf, d.inputShapeArray()));
        } finally {
            ModelPool.clear(recipe);
            aTrain.samples().unpersist(false);
            bTrain.samples().unpersist(false);
        }
    }

    private static List<Sample> sorted(List<Sample> l) {
        List<Sample> c = new ArrayList<>(l);
        c.sort(Comparator.comparing(Sample::id));
        return c;
    }

    private static byte[] read(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new IllegalArgumentException("task_model: " + uri + " does not exist");
        }
        try (InputStream in = fs.open(p)) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        }
    }

    private TrainingLoop.Validated validate(DomainAdaptationModel m, StateVector state, List<Sample> valA,
            List<Sample> valB, boolean bLabelled) {
        m.importState(state.toMap());
        int batch = settings.optim().batchSize();
        TaskModel task = m.task();
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<double[]> predA2B = new ArrayList<>();
        List<Double> dFake = new ArrayList<>();
        List<SampleImages> samples = new ArrayList<>();
        List<SubjectExplanation> explain = new ArrayList<>();
        double sumA = 0;
        double sumA2B = 0;
        long voxA = 0;
        for (int i = 0; i < valA.size(); i += batch) {
            List<Sample> part = valA.subList(i, Math.min(valA.size(), i + batch));
            INDArray x = Batches.images(part);
            Istn.Forward f = m.gAB().forward(x, false);
            predA2B.addAll(ValidationMetrics.rows(task.predict(f.output())));
            INDArray z = m.dB().logits(f.output());
            for (long k = 0; k < z.length(); k++) {
                dFake.add(z.getDouble(k));
            }
            sumA += x.sumNumber().doubleValue();
            sumA2B += f.output().sumNumber().doubleValue();
            voxA += x.length();
            for (int k = 0; k < part.size(); k++) {
                if (samples.size() < SAMPLE_SUBJECTS) {
                    samples.add(new SampleImages(part.get(k).id(), "A2B", part.get(k).shape(), Batches.image(x, k),
                            Batches.image(f.itnOutput(), k), Batches.image(f.output(), k)));
                }
            }
            explain.addAll(explanations(m.gAB(), f, part, "A2B"));
        }
        List<Double> dReal = new ArrayList<>();
        List<double[]> predB = new ArrayList<>();
        double sumB = 0;
        long voxB = 0;
        for (int i = 0; i < valB.size(); i += batch) {
            List<Sample> part = valB.subList(i, Math.min(valB.size(), i + batch));
            INDArray x = Batches.images(part);
            INDArray z = m.dB().logits(x);
            for (long k = 0; k < z.length(); k++) {
                dReal.add(z.getDouble(k));
            }
            sumB += x.sumNumber().doubleValue();
            voxB += x.length();
            if (bLabelled) {
                predB.addAll(ValidationMetrics.rows(task.predict(x)));
            }
            if (m.gBA() != null) {
                Istn.Forward f = m.gBA().forward(x, false);
                for (int k = 0; k < part.size() && samples.size() < 2 * SAMPLE_SUBJECTS; k++) {
                    samples.add(new SampleImages(part.get(k).id(), "B2A", part.get(k).shape(), Batches.image(x, k),
                            Batches.image(f.itnOutput(), k), Batches.image(f.output(), k)));
                }
                explain.addAll(explanations(m.gBA(), f, part, "B2A"));
            }
        }
        ValidationMetrics.put(metrics, "A2B_", task, ValidationMetrics.labels(valA), predA2B, List.of());
        if (bLabelled) {
            ValidationMetrics.put(metrics, "B_", task, ValidationMetrics.labels(valB), predB, List.of());
        }
        long correct = dReal.stream().filter(z -> z > 0).count() + dFake.stream().filter(z -> z <= 0).count();
        metrics.put("d_accuracy", (double) correct / Math.max(1, dReal.size() + dFake.size()));
        metrics.put("A_mean", sumA / Math.max(1, voxA));
        metrics.put("A2B_mean", sumA2B / Math.max(1, voxA));
        metrics.put("B_mean", sumB / Math.max(1, voxB));
        return new TrainingLoop.Validated(metrics, ValidationMetrics.selection(task,
                settings.selection() == ModelSelection.TARGET ? "B_" : "A2B_"), samples, explain);
    }

    private static List<SubjectExplanation> explanations(Istn istn, Istn.Forward f, List<Sample> part,
            String direction) {
        List<Map<String, Double>> e = TransformExplainer.explain(istn, f);
        List<SubjectExplanation> out = new ArrayList<>();
        for (int k = 0; k < part.size(); k++) {
            out.add(new SubjectExplanation(part.get(k).id(), direction, e.get(k)));
        }
        return out;
    }

    private void save(DomainAdaptationModel m, StateVector state, String dir, Provenance prov, Configuration conf,
            int[] shape) throws IOException {
        m.importState(state.toMap());
        long seed = settings.run().seed();
        AtomicFiles.write(dir + "/istn_A2B.zip", conf, out -> ModelStore.save(m.gAB(), shape, seed, prov, out));
        if (m.gBA() != null) {
            AtomicFiles.write(dir + "/istn_B2A.zip", conf, out -> ModelStore.save(m.gBA(), shape, seed, prov, out));
        }
        AtomicFiles.write(dir + "/task_model.zip", conf, out -> TaskModelStore.save(m.task(), prov, out));
    }

    /** Default run id. */
    public static String runId(DomainAdaptationSettings s, Instant start) {
        return s.run().runNameOr(s.job(), start);
    }
}
