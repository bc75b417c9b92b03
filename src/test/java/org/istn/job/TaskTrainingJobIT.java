package org.istn.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.istn.cli.IstnMain;
import org.istn.config.Job;
import org.istn.config.SettingsLoader;
import org.istn.config.TaskTrainingSettings;
import org.istn.data.Batches;
import org.istn.data.Sample;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.testing.TestSpark;
import org.istn.testing.TwoDomains;
import org.istn.train.Checkpoint;
import org.istn.train.TrainingListener;
import org.istn.train.TrainingLoop;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.RunEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code train-task} end to end on local[2]: a 2D classifier (dl4j-spark engine) and a 3D
 * classifier (SameDiff parameter averaging) learn a one-blob vs two-blob task from a few dozen
 * tiny images; the best model is saved and reproduces the validation accuracy when loaded; an
 * interrupted run resumed gives the uninterrupted result exactly; the command line runs.
 */
class TaskTrainingJobIT {
    @TempDir
    static Path dir;
    static String train2d;
    static String val2d;
    static String train3d;
    static String val3d;
    static List<Sample> val2dSamples;

    @BeforeAll
    static void data() throws Exception {
        train2d = TwoDomains.write(TwoDomains.make("t", 48, 16, false, 2, 11), dir.resolve("d2"), "train");
        val2dSamples = TwoDomains.make("v", 16, 16, false, 2, 12);
        val2d = TwoDomains.write(val2dSamples, dir.resolve("d2"), "val");
        train3d = TwoDomains.write(TwoDomains.extrude(TwoDomains.make("t", 24, 12, false, 2, 13), 6), dir.resolve("d3"), "train");
        val3d = TwoDomains.write(TwoDomains.extrude(TwoDomains.make("v", 12, 12, false, 2, 14), 6), dir.resolve("d3"), "val");
    }

    private static Map<String, String> config(String run, String train, String val, String shape, int epochs) {
        return Map.ofEntries(Map.entry("train_set", train), Map.entry("test_set", val),
                Map.entry("label_key", "label"), Map.entry("normalizer", "none"), Map.entry("input_shape", shape),
                Map.entry("augmentation", "false"), Map.entry("model_type", "classifier"), Map.entry("num_classes", "1"),
                Map.entry("batch_size", "4"), Map.entry("epochs", Integer.toString(epochs)),
                Map.entry("val_interval", "2"), Map.entry("averaging_frequency", "2"),
                Map.entry("learning_rate", "0.003"), Map.entry("early_stopping_epochs", "0"),
                Map.entry("output_dir", dir.resolve("runs").toString()), Map.entry("run_name", run));
    }

    private static TaskTrainingSettings settings(Map<String, String> c) {
        return (TaskTrainingSettings) SettingsLoader.load(Job.TRAIN_TASK, java.util.Optional.empty(), c, Map.of());
    }

    private static final class Recorder implements TrainingListener {
        final List<EpochSummary> epochs = new ArrayList<>();
        final List<Map<String, Double>> validations = new ArrayList<>();

        @Override
        public void onEpoch(EpochSummary e) {
            epochs.add(e);
        }

        @Override
        public void onValidation(org.istn.train.event.Validation v) {
            validations.add(v.metrics());
        }
    }

    private static Recorder train(String run, String train, String val, String shape, int epochs) throws Exception {
        Recorder rec = new Recorder();
        TrainingLoop.Result r = new TaskTrainingJob(TestSpark.session(), settings(config(run, train, val, shape, epochs)),
                new TaskTrainingJob.Options(false, 2), List.of(rec)).run(run);
        assertEquals(RunEnd.Reason.COMPLETED, r.end().reason(), r.end().message());
        rec.validations.forEach(v -> System.out.println(run + " validation " + v));
        return rec;
    }

    @Test
    void twoDimensionalClassifierLearnsWithDl4jSparkAndItsBestModelReproducesTheValidation() throws Exception {
        Recorder rec = train("t2d", train2d, val2d, "[16,16]", 6);
        assertEquals(3, rec.validations.size());
        double firstLoss = rec.epochs.get(0).losses().get("loss_task");
        double lastLoss = rec.epochs.get(rec.epochs.size() - 1).losses().get("loss_task");
        assertTrue(lastLoss < 0.7 * firstLoss, "training loss falls: " + firstLoss + " -> " + lastLoss);
        double best = rec.validations.stream().mapToDouble(v -> v.get("accuracy")).max().orElseThrow();
        assertTrue(best >= 0.85, "validation accuracy " + best);
        for (String k : List.of("accuracy", "balanced_accuracy", "auc", "error")) {
            assertTrue(rec.validations.get(0).containsKey(k), k);
        }
        Path model = dir.resolve("runs/t2d/models/best/task_model.zip");
        TaskModel m;
        try (InputStream in = Files.newInputStream(model)) {
            m = TaskModelStore.load(in, model.toString(), 1e-3).model();
        }
        INDArray p = m.predict(Batches.images(sortedById(val2dSamples)));
        List<Sample> sorted = sortedById(val2dSamples);
        int correct = 0;
        for (int i = 0; i < sorted.size(); i++) {
            correct += (p.getDouble(i) >= 0.5) == (sorted.get(i).label() == 1) ? 1 : 0;
        }
        assertEquals(best, (double) correct / sorted.size(), 1e-9, "the saved best model gives the best validation accuracy");
    }

    private static List<Sample> sortedById(List<Sample> s) {
        List<Sample> c = new ArrayList<>(s);
        c.sort(java.util.Comparator.comparing(Sample::id));
        return c;
    }

    @Test
    void threeDimensionalClassifierLearnsWithParameterAveraging() throws Exception {
        Recorder rec = train("t3d", train3d, val3d, "[12,12,6]", 6);
        double firstLoss = rec.epochs.get(0).losses().get("loss_task");
        double lastLoss = rec.epochs.get(rec.epochs.size() - 1).losses().get("loss_task");
        // chance level of binary cross-entropy is ln 2 = 0.693
        assertTrue(lastLoss < firstLoss && lastLoss < 0.5, "training loss falls: " + firstLoss + " -> " + lastLoss);
        double best = rec.validations.stream().mapToDouble(v -> v.get("accuracy")).max().orElseThrow();
        assertTrue(best >= 0.8, "validation accuracy " + best);
        assertTrue(Files.isRegularFile(dir.resolve("runs/t3d/models/last/task_model.zip")));
        assertTrue(rec.epochs.get(0).averagingSeconds() > 0, "the averaging time is measured");
        // distributed inference of the saved best 3D model over the validation manifest gives the
        // best validation accuracy of the training run
        Map<String, String> c = new java.util.HashMap<>();
        c.put("test_set", val3d);
        c.put("task_model", dir.resolve("runs/t3d/models/best/task_model.zip").toString());
        c.put("label_key", "label");
        c.put("normalizer", "none");
        c.put("input_shape", "[12,12,6]");
        c.put("batch_size", "5");
        c.put("output_dir", dir.resolve("runs").toString());
        c.put("run_name", "infer3d");
        org.istn.spark.InferenceJob.Outcome o = org.istn.spark.InferenceJob.run(TestSpark.session(),
                (org.istn.config.InferenceSettings) SettingsLoader.load(Job.INFER, java.util.Optional.empty(), c,
                        Map.of()), new org.istn.spark.InferenceJob.Options(false, false, false));
        assertEquals(12, o.n());
        assertEquals(best, o.metrics().get("accuracy"), 1e-9);
    }

    @Test
    void aResumedTwoDimensionalRunReachesTheUninterruptedResultExactly() throws Exception {
        Configuration conf = new Configuration();
        new TaskTrainingJob(TestSpark.session(), settings(config("whole", train2d, val2d, "[16,16]", 4)),
                new TaskTrainingJob.Options(false, 2), List.of()).run("whole");
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onEpoch(EpochSummary e) {
                if (e.epoch() == 3) {
                    throw new IllegalStateException("simulated crash after epoch 3");
                }
            }
        };
        TaskTrainingSettings cut = settings(config("cut", train2d, val2d, "[16,16]", 4));
        assertThrows(IllegalStateException.class, () -> new TaskTrainingJob(TestSpark.session(), cut,
                new TaskTrainingJob.Options(false, 2), List.of(crash)).run("cut"));
        String cutDir = dir.resolve("runs/cut").toString();
        assertEquals(2, Checkpoint.latest(cutDir, conf).orElseThrow().epoch());
        new TaskTrainingJob(TestSpark.session(), cut, new TaskTrainingJob.Options(true, 2), List.of()).run("cut");
        Checkpoint a = Checkpoint.latest(dir.resolve("runs/whole").toString(), conf).orElseThrow();
        Checkpoint b = Checkpoint.latest(cutDir, conf).orElseThrow();
        assertEquals(4, b.epoch());
        assertArrayEquals(a.state().values(), b.state().values(), "resumed = uninterrupted, bit for bit");
    }

    @Test
    void commandLineTrainsAndWritesMetrics() throws Exception {
        List<String> args = new ArrayList<>(List.of("train-task", "--master", "local[2]", "--model_type", "classifier"));
        config("cli", train2d, val2d, "[16,16]", 2).forEach((k, v) -> {
            if (!k.equals("model_type")) {
                args.add("--conf");
                args.add(k + "=" + v);
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IstnMain.run(args.toArray(String[]::new), Map.of(), new PrintStream(out), new PrintStream(err));
        assertEquals(IstnMain.OK, code, err.toString());
        assertTrue(out.toString().contains("completed 2 epochs"), out.toString());
        Path run = dir.resolve("runs/cli");
        for (String f : List.of("config.json", "models/best/task_model.zip", "models/last/task_model.zip",
                "checkpoints/epoch-0002.ckpt", "plots/losses.png", "plots/validation.png")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        for (String f : List.of("metrics/epochs.parquet", "metrics/validation.parquet")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
    }
}
