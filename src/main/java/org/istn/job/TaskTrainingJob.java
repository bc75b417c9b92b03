package org.istn.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.istn.config.DataSettings;
import org.istn.config.TaskTrainingSettings;
import org.istn.data.Augmenter;
import org.istn.data.Batches;
import org.istn.data.Sample;
import org.istn.io.fs.AtomicFiles;
import org.istn.nn.Dl4jLeNet;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.spark.AveragingEpochTrainer;
import org.istn.spark.Dl4jEpochTrainer;
import org.istn.spark.Dl4jSparkTrainer;
import org.istn.spark.ModelPool;
import org.istn.spark.ParameterAveragingTrainer;
import org.istn.train.EpochTrainer;
import org.istn.train.StateVector;
import org.istn.train.TaskTrainingModel;
import org.istn.train.TaskTrainingRecipe;
import org.istn.train.TrainingListener;
import org.istn.train.TrainingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train-task}: trains the task model (classifier or regressor) on one site by parameter
 * averaging, validating on {@code test_set} every {@code val_interval} epochs. Engines: 2D images
 * train a DL4J {@code ComputationGraph} with dl4j-spark ({@link Dl4jSparkTrainer}); 3D images
 * train the SameDiff LeNet with the project's parameter averaging (DL4J's batch norm cannot take
 * 3D input). Writes {@code models/best/task_model.zip}, {@code models/last/task_model.zip},
 * checkpoints and, through the listeners, metrics and plots.
 */
public final class TaskTrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(TaskTrainingJob.class);

    /** Command-line switches of the job; {@code workers} 0 = Spark's default parallelism. */
    public record Options(boolean resume, int workers) {}

    private final SparkSession spark;
    private final TaskTrainingSettings settings;
    private final Options options;
    private final List<TrainingListener> listeners;

    public TaskTrainingJob(SparkSession spark, TaskTrainingSettings settings, Options options,
            List<TrainingListener> listeners) {
        this.spark = spark;
        this.settings = settings;
        this.options = options;
        this.listeners = List.copyOf(listeners);
    }

    /** Whether {@code input_shape} is trained by the 2D (dl4j-spark) engine. */
    public static boolean twoDimensional(int[] inputShape) {
        return inputShape.length == 2 || (inputShape.length == 3 && inputShape[2] == 1);
    }

    /** Runs the job; returns the loop's result. */
    public TrainingLoop.Result run(String runId) throws Exception {
        TaskTrainingSettings s = settings;
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = sc.hadoopConfiguration();
        RunFolder folder = RunFolder.create(s, runId, options.resume(), conf);
        folder.record(s, List.of(), conf);
        DataSettings d = s.data();
        Datasets.Loaded train = Datasets.load(sc, d, s.trainSet(), true, s.datasetName() + " training");
        Datasets.Loaded test = Datasets.load(sc, d, s.testSet(), true, s.datasetName() + " validation");
        Datasets.reportBadRows(folder, conf, train, test);
        int[] shape = d.inputShapeArray();
        long seed = s.run().seed();
        Augmenter aug = d.augmentation().enabled()
                ? new Augmenter(seed, d.augmentation().maxShift(), d.augmentation().flip()) : null;
        int workers = options.workers() > 0 ? options.workers() : sc.defaultParallelism();
        EpochTrainer engine;
        TaskModel driver;
        TaskTrainingRecipe recipe = null;
        if (twoDimensional(shape)) {
            Dl4jSparkTrainer t = new Dl4jSparkTrainer(sc,
                    Dl4jLeNet.of(s.modelType().configName(), shape, s.network().nf(), s.network().numClasses())
                            .build(s.optim().learningRate(), seed),
                    Dl4jSparkTrainer.Options.of(s.optim(), seed, workers), aug == null ? null : aug::apply);
            driver = t.model();
            engine = new Dl4jEpochTrainer(t, train.samples(), train.ids().size());
        } else {
            recipe = new TaskTrainingRecipe(shape, s.modelType(), s.network().nf(), s.network().numClasses(),
                    s.optim().learningRate(), seed);
            driver = recipe.build().task();
            ParameterAveragingTrainer<TaskTrainingModel> pat = new ParameterAveragingTrainer<>(sc, recipe, aug, seed,
                    s.job().command());
            engine = new AveragingEpochTrainer<>(pat, train.samples(), train.ids(), null, List.of(),
                    List.of(TaskTrainingModel.LOSS), seed, s.optim().batchSize(), workers,
                    s.optim().averagingFrequency());
        }
        LOG.info("train-task: {} {} on {} ({} training, {} validation images), {} engine, {} workers, {} steps per"
                + " epoch", s.modelType().configName(), driver.kind(), s.datasetName(), train.ids().size(),
                test.ids().size(), twoDimensional(shape) ? "dl4j-spark (2D)" : "SameDiff parameter averaging (3D)",
                engine.workers(), engine.stepsPerEpoch());
        sc.setJobDescription("train-task: collecting validation images");
        List<Sample> val = new ArrayList<>(test.samples().collect());
        val.sort(Comparator.comparing(Sample::id));
        TrainingLoop.Settings ls = new TrainingLoop.Settings(runId, s.job().command(), folder.uri(),
                s.optim().epochs(), s.optim().valInterval(), s.optim().earlyStoppingEpochs(), s.optim().batchSize(),
                options.resume(), seed, s.toConfigMap(), s.configHash());
        TrainingLoop loop = new TrainingLoop(ls, spark, conf, listeners);
        try {
            return loop.run(engine, StateVector.of(driver.exportState()),
                    (epoch, state) -> validate(driver, state, val),
                    (dir, state, prov) -> {
                        driver.importState(state.toMap());
                        AtomicFiles.write(dir + "/task_model.zip", conf, out -> TaskModelStore.save(driver, prov, out));
                    });
        } finally {
            if (recipe != null) {
                ModelPool.clear(recipe);
            }
            train.samples().unpersist(false);
            test.samples().unpersist(false);
        }
    }

    private TrainingLoop.Validated validate(TaskModel m, StateVector state, List<Sample> val) {
        m.importState(state.toMap());
        int batch = settings.optim().batchSize();
        List<double[]> pred = new ArrayList<>();
        for (int i = 0; i < val.size(); i += batch) {
            List<Sample> part = val.subList(i, Math.min(val.size(), i + batch));
            pred.addAll(ValidationMetrics.rows(m.predict(Batches.images(part))));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        ValidationMetrics.put(metrics, "", m, ValidationMetrics.labels(val), pred, List.of());
        return new TrainingLoop.Validated(metrics, ValidationMetrics.selection(m, ""), List.of(), List.of());
    }

    /** Default run id. */
    public static String runId(TaskTrainingSettings s, Instant start) {
        return s.run().runNameOr(s.job(), start);
    }
}
