package org.istn.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.istn.data.Batches;
import org.istn.data.Sample;
import org.istn.nn.GraphVariables;
import org.istn.nn.Istn;
import org.istn.nn.ModelStore;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.testing.TwoDomains;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code istn da-unidirectional} on a real Spark standalone cluster: a Master, a Worker (2 cores)
 * and two executor JVMs of 1 core each, on loopback, from a Spark home made of the Spark jars in
 * the Maven repository ({@link SparkHome}). The job is submitted with the project's own launcher,
 * {@code submit/standalone.sh}, with the shaded application jar; tiny 2D data (16×16, 16 training
 * images per site), 2 epochs of 2 parameter-averaging rounds each.
 *
 * <p>Checked: the run completes; two distinct executor JVMs trained, every averaging round with
 * one task per worker (from Spark's event log); models, checkpoints and Parquet metrics are
 * written and read back independently (pyarrow). Then one executor is killed with SIGKILL while
 * it runs a training task: Spark re-runs the lost task, the Master starts a replacement executor,
 * the run completes, and its models are bit for bit those of the undisturbed run (parameter
 * averaging does not depend on which JVM runs a worker's steps). Every JVM the test started is
 * gone at the end.
 */
class StandaloneClusterIT {
    private static final String JOB = "da-unidirectional";
    private static final int EPOCHS = 2;
    private static final int ROUNDS_PER_EPOCH = 2; // 16 pairs / (batch 2 × 2 workers) = 4 steps, averaged every 2
    private static final int TRAIN_IMAGES = 16;
    private static final long DRIVER_TIMEOUT_S = 900;
    private static final Pattern EPOCH_1_PROGRESS = Pattern.compile("ProgressLogger: epoch 1/" + EPOCHS + " step \\d+/");
    private static final Pattern TASK_START = Pattern.compile(
            "Starting task \\S+ in stage \\S+ \\(TID \\d+\\) \\(127\\.0\\.0\\.1, executor (\\d+),");
    private static final List<String> MODELS = List.of("models/best/istn_A2B.zip", "models/best/task_model.zip",
            "models/last/istn_A2B.zip", "models/last/task_model.zip");

    @TempDir
    static Path dir;
    private static Path repo;
    private static StandaloneCluster cluster;
    private static Path config;
    private static List<Sample> aVal;
    private static Run undisturbed;

    /** A finished submission: its run folder, event log and the executors seen. */
    private record Run(String name, Path runDir, Submission submission, SparkEventLog events,
            Map<String, ProcessHandle> executors) {}

    @BeforeAll
    static void startCluster() throws Exception {
        repo = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        SparkHome home = SparkHome.layOut(Path.of(System.getProperty("istn.spark.jars", "target/spark-home/jars")),
                dir.resolve("spark-home"));
        Path data = dir.resolve("data");
        String aTrain = TwoDomains.write(TwoDomains.make("a", TRAIN_IMAGES, 16, false, 2, 1), data.resolve("A"), "train");
        String bTrain = TwoDomains.write(TwoDomains.make("b", TRAIN_IMAGES, 16, true, 2, 2), data.resolve("B"), "train");
        aVal = TwoDomains.make("av", 8, 16, false, 2, 3);
        String aValPath = TwoDomains.write(aVal, data.resolve("Aval"), "val");
        String bVal = TwoDomains.write(TwoDomains.make("bv", 8, 16, true, 2, 4), data.resolve("Bval"), "val");
        config = dir.resolve("job.conf");
        Files.writeString(config, String.join("\n",
                "siteA_train = \"" + aTrain + "\"", "siteB_train = \"" + bTrain + "\"",
                "siteA_val = \"" + aValPath + "\"", "siteB_val = \"" + bVal + "\"",
                "label_key = label", "normalizer = none", "input_shape = [16, 16]", "augmentation = false",
                "nf = 2", "model_type = classifier", "batch_size = 2", "epochs = " + EPOCHS, "val_interval = 1",
                "averaging_frequency = 2", "learning_rate = 0.002", "cyc_weight = 1", "early_stopping_epochs = 0",
                "output_dir = \"" + dir.resolve("runs") + "\"", ""));
        cluster = StandaloneCluster.start(home, dir.resolve("cluster"), 2, "2g");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Starts {@code submit/standalone.sh da-unidirectional --run_name name}: 2 executors × 1 core, 1 GB heaps. */
    private static Submission submit(String name) throws IOException {
        Path appJar = Path.of(System.getProperty("istn.app.jar", "target/istn-spark-0.1.0-SNAPSHOT-app.jar"));
        assertTrue(Files.isRegularFile(appJar), appJar + " missing: run through mvn verify (package builds the"
                + " shaded application jar; -DskipShade=true leaves it out)");
        Path events = dir.resolve("events").resolve(name);
        Files.createDirectories(events);
        Map<String, String> knobs = new LinkedHashMap<>();
        knobs.put("MASTER", cluster.masterUrl());
        knobs.put("APP_JAR", appJar.toAbsolutePath().toString());
        knobs.put("CONFIG", config.toString());
        knobs.put("EXECUTORS", "2");
        knobs.put("EXECUTOR_CORES", "1");
        knobs.put("EXECUTOR_MEMORY", "1g");
        knobs.put("EXECUTOR_MEMORY_OVERHEAD", "");
        knobs.put("DRIVER_MEMORY", "1g");
        knobs.put("DRIVER_MEMORY_OVERHEAD", "");
        knobs.put("GPUS_PER_EXECUTOR", "0");
        knobs.put("ND4J_MAXBYTES", "1g");
        knobs.put("ND4J_MAXPHYSICALBYTES", "3g");
        knobs.put("DRIVER_ND4J_MAXBYTES", "1g");
        knobs.put("DRIVER_ND4J_MAXPHYSICALBYTES", "3g");
        knobs.put("SPARK_SUBMIT_EXTRA", "--conf spark.ui.enabled=false --conf spark.eventLog.enabled=true"
                + " --conf spark.eventLog.dir=" + events.toUri());
        return Submission.start(cluster, repo.resolve("submit/standalone.sh"), dir.resolve("drivers").resolve(name),
                knobs, List.of(JOB, "--run_name", name));
    }

    /** Waits for the driver, checks it succeeded and that the application's executors ended with it. */
    private static Run finish(String name, Submission s) throws Exception {
        int code = s.awaitExit(DRIVER_TIMEOUT_S);
        assertEquals(0, code, "exit code of submit/standalone.sh" + s.diagnostics());
        Path runDir = dir.resolve("runs").resolve(name);
        assertTrue(s.stdout().contains("istn " + JOB + ": completed " + EPOCHS + " epochs; run folder " + runDir),
                s.stdout() + s.diagnostics());
        Map<String, ProcessHandle> executors = s.executors();
        for (ProcessHandle p : executors.values()) { // the Worker stops an application's executors when it ends
            try {
                p.onExit().get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                fail("executor " + p.pid() + " still alive 120 s after its application ended" + s.diagnostics());
            }
        }
        return new Run(name, runDir, s, SparkEventLog.read(dir.resolve("events").resolve(name)), executors);
    }

    /** The undisturbed run, submitted once for the class. */
    private static synchronized Run undisturbed() throws Exception {
        if (undisturbed == null) {
            undisturbed = finish("undisturbed", submit("undisturbed"));
        }
        return undisturbed;
    }

    @Test
    void twoExecutorJvmsTrainByParameterAveragingAndWriteTheRunsOutputs() throws Exception {
        Run r = undisturbed();
        Submission s = r.submission();
        String appId = s.appId();

        // two executor JVMs of their own: not the driver, not this JVM, each with its folder
        assertEquals(Set.of("0", "1"), r.executors().keySet(), "executors seen" + s.diagnostics());
        Set<Long> pids = r.executors().values().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertEquals(2, pids.size(), "two distinct executor processes: " + pids);
        assertFalse(pids.contains(ProcessHandle.current().pid()));
        assertFalse(pids.contains(s.driverPid()), "executors are not the driver");
        try (Stream<Path> f = Files.list(cluster.workDir().resolve(appId))) {
            assertEquals(Set.of("0", "1"), f.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
                    "the worker's folders of " + appId);
        }
        assertTrue(s.stderr().contains("| " + 2 + " workers | batch 2"), "the run trains with 2 averaging workers"
                + s.diagnostics());

        // every averaging round: one successful task per worker; both executors trained
        Map<String, List<SparkEventLog.Task>> rounds = r.events().trainingRounds();
        assertEquals(EPOCHS * ROUNDS_PER_EPOCH, rounds.size(), "averaging rounds: " + rounds.keySet());
        Set<String> trained = new TreeSet<>();
        List<String> placement = new ArrayList<>();
        rounds.forEach((job, tasks) -> {
            List<String> on = tasks.stream().filter(SparkEventLog.Task::succeeded).map(SparkEventLog.Task::executorId)
                    .sorted().toList();
            assertEquals(2, on.size(), job + ": " + tasks);
            trained.addAll(on);
            placement.add(on.toString());
        });
        System.out.println("StandaloneClusterIT: training tasks per averaging round on executors " + placement);
        assertEquals(Set.of("0", "1"), trained, "executors that ran training tasks");
        assertTrue(r.events().tasks().stream().allMatch(SparkEventLog.Task::succeeded),
                "no task failed in the undisturbed run: " + r.events().tasks().stream()
                        .filter(t -> !t.succeeded()).toList());
        assertEquals(List.of(), List.copyOf(r.events().executorsRemoved().keySet()), "no executor lost");

        // outputs
        for (String f : List.of("config.json", "checkpoints/epoch-0001.ckpt", "checkpoints/epoch-0002.ckpt")) {
            assertTrue(Files.isRegularFile(r.runDir().resolve(f)), f);
        }
        try (Stream<Path> files = Files.walk(r.runDir())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
        JsonNode epochs = parquet(r.runDir().resolve("metrics/epochs.parquet"));
        assertEquals(List.of(1.0, 2.0), column(epochs, "epoch"));
        assertEquals(List.of((double) TRAIN_IMAGES, (double) TRAIN_IMAGES), column(epochs, "samples"),
                "every A image once per epoch");
        assertEquals(List.of("undisturbed", "undisturbed"), strings(epochs, "run_id"));
        for (String loss : List.of("loss_istn", "loss_d", "loss_task")) {
            column(epochs, loss).forEach(v -> assertTrue(Double.isFinite(v), loss + " " + v));
        }
        JsonNode validation = parquet(r.runDir().resolve("metrics/validation.parquet"));
        assertEquals(List.of(1.0, 2.0), column(validation, "epoch"));
        assertModelsValid(r);
    }

    @Test
    void aKilledExecutorIsReplacedAndTheRunEndsWithTheUndisturbedModels() throws Exception {
        Run reference = undisturbed();
        Submission s = submit("killed");
        // after the first averaging round, the next task the driver starts is a training task of
        // round 2: kill its executor while it runs (a round's task takes seconds here)
        Matcher progress = s.await(EPOCH_1_PROGRESS, 0, DRIVER_TIMEOUT_S);
        Matcher task = s.await(TASK_START, progress.end(), DRIVER_TIMEOUT_S);
        String victimId = task.group(1);
        String appId = s.appId();
        ProcessHandle victim = cluster.executors().stream()
                .filter(e -> e.appId().equals(appId) && e.executorId().equals(victimId))
                .map(StandaloneCluster.Executor::process).findFirst()
                .orElseGet(() -> fail("no process of executor " + victimId + " of " + appId + s.diagnostics()));
        assertTrue(victim.destroyForcibly(), "SIGKILL to executor " + victimId);
        victim.onExit().get(60, TimeUnit.SECONDS);
        System.out.println("StandaloneClusterIT: killed executor " + victimId + " (pid " + victim.pid() + ") at: "
                + task.group());
        Run r = finish("killed", s);

        // Spark saw the loss, re-ran the lost task, and the Master started a replacement
        SparkEventLog ev = r.events();
        assertTrue(ev.executorsRemoved().containsKey(victimId), "executor " + victimId + " removed: "
                + ev.executorsRemoved());
        List<String> added = ev.executorsAdded();
        assertTrue(new HashSet<>(added).size() >= 3, "two executors and a replacement registered: " + added);
        assertTrue(r.executors().values().stream().map(ProcessHandle::pid).distinct().count() >= 3,
                "executor JVMs seen: " + r.executors());
        List<SparkEventLog.Task> lost = ev.tasks().stream()
                .filter(t -> t.reason().equals("ExecutorLostFailure") && t.executorId().equals(victimId)).toList();
        assertFalse(lost.isEmpty(), "a task was running on the killed executor: " + ev.tasks());
        for (SparkEventLog.Task t : lost) {
            assertTrue(ev.tasks().stream().anyMatch(x -> x.succeeded() && x.stageId() == t.stageId()
                    && x.index() == t.index()), "task " + t.index() + " of stage " + t.stageId() + " re-run");
        }
        Map<String, List<SparkEventLog.Task>> rounds = ev.trainingRounds();
        assertEquals(EPOCHS * ROUNDS_PER_EPOCH, rounds.size(), "averaging rounds: " + rounds.keySet());
        rounds.forEach((job, tasks) -> assertEquals(2, tasks.stream().filter(SparkEventLog.Task::succeeded).count(),
                job + ": " + tasks));
        System.out.println("StandaloneClusterIT: after the kill, executors " + added + ", removed "
                + ev.executorsRemoved() + ", lost tasks " + lost + "; training tasks per round " + rounds.values()
                .stream().map(ts -> ts.stream().map(t -> t.executorId() + ":" + t.reason()).toList()).toList());

        // a complete, valid run, identical to the undisturbed one
        assertModelsValid(r);
        JsonNode validation = parquet(r.runDir().resolve("metrics/validation.parquet"));
        assertEquals(List.of(1.0, 2.0), column(validation, "epoch"));
        JsonNode last = validation.path("rows").get(EPOCHS - 1);
        List<String> types = strings(validation.path("types"));
        List<String> names = strings(validation.path("columns"));
        for (int i = 0; i < names.size(); i++) {
            if (types.get(i).equals("double")) {
                assertTrue(Double.isFinite(last.get(i).asDouble()), "final validation " + names.get(i) + " = "
                        + last.get(i));
            }
        }
        JsonNode epochs = parquet(r.runDir().resolve("metrics/epochs.parquet"));
        JsonNode referenceEpochs = parquet(reference.runDir().resolve("metrics/epochs.parquet"));
        for (String loss : List.of("loss_istn", "loss_gan", "loss_idt", "loss_d", "loss_task")) {
            assertEquals(column(referenceEpochs, loss), column(epochs, loss), loss + " per epoch, killed vs undisturbed");
        }
        for (String model : MODELS) {
            assertSameState(reference.runDir().resolve(model), r.runDir().resolve(model));
        }
    }

    // --- models --------------------------------------------------------------------------------

    /** The four model files load, hold finite parameters, and give finite outputs on validation images. */
    private static void assertModelsValid(Run r) throws IOException {
        INDArray x = Batches.images(aVal);
        for (String m : MODELS) {
            Path f = r.runDir().resolve(m);
            assertTrue(Files.isRegularFile(f), m + " in " + r.runDir());
            Map<String, INDArray> state = state(f);
            assertFalse(state.isEmpty(), m);
            state.forEach((k, v) -> assertTrue(finite(v), m + ": " + k + " not finite"));
            if (m.endsWith("istn_A2B.zip")) {
                Istn istn = loadIstn(f);
                INDArray out = istn.forward(x, false).output();
                assertArrayEquals(x.shape(), out.shape(), m);
                assertTrue(finite(out), m + ": output not finite");
            } else {
                INDArray p = loadTask(f).predict(x);
                assertEquals(aVal.size(), p.size(0), m);
                assertTrue(finite(p), m + ": predictions not finite");
            }
        }
    }

    private static void assertSameState(Path expected, Path actual) throws IOException {
        Map<String, INDArray> a = state(expected);
        Map<String, INDArray> b = state(actual);
        assertEquals(a.keySet(), b.keySet(), actual + " vs " + expected);
        a.forEach((k, v) -> assertArrayEquals(v.data().asDouble(), b.get(k).data().asDouble(),
                actual + ": " + k + " differs from the undisturbed run's (exactly)"));
    }

    /** Every array of a model file by name: the ISTN's graph variables, or the task model's state. */
    private static Map<String, INDArray> state(Path f) throws IOException {
        Map<String, INDArray> m = new LinkedHashMap<>();
        if (f.getFileName().toString().startsWith("istn")) {
            Istn istn = loadIstn(f);
            for (String n : GraphVariables.all(istn.graph())) {
                m.put(n, istn.graph().getVariable(n).getArr());
            }
        } else {
            m.putAll(loadTask(f).exportState());
        }
        return m;
    }

    private static Istn loadIstn(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return ModelStore.loadIstn(in, f.toString()).istn();
        }
    }

    private static TaskModel loadTask(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return TaskModelStore.load(in, f.toString(), 0.002).model();
        }
    }

    private static boolean finite(INDArray a) {
        for (double v : a.data().asDouble()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    // --- Parquet, read by pyarrow ----------------------------------------------------------------

    /** One Parquet folder read by pyarrow: {"columns": [...], "types": [...], "rows": [[...]...]}. */
    private static JsonNode parquet(Path folder) throws Exception {
        Path script = repo.resolve("src/test/python/listen_read_parquet.py");
        String python = System.getProperty("istn.python", "python3");
        Process p;
        try {
            p = new ProcessBuilder(python, script.toString(), folder.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("cannot start Python '" + python + "' (" + e + "); install python3 with pyarrow or point"
                    + " -Distn.python at one");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail("pyarrow did not read " + folder + " within 120 s:\n" + out);
        }
        if (p.exitValue() != 0 || out.contains("MISSING-PYTHON-MODULE")) {
            return fail("pyarrow could not read " + folder + " (install pyarrow, or point -Distn.python at a Python"
                    + " that has it):\n" + out);
        }
        JsonNode all = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(out);
        return all.get(folder.getFileName().toString());
    }

    private static List<Double> column(JsonNode table, String name) {
        int i = strings(table.path("columns")).indexOf(name);
        assertTrue(i >= 0, name + " in " + table.path("columns"));
        List<Double> v = new ArrayList<>();
        table.path("rows").forEach(row -> v.add(row.get(i).asDouble()));
        return v;
    }

    private static List<String> strings(JsonNode table, String name) {
        int i = strings(table.path("columns")).indexOf(name);
        assertTrue(i >= 0, name + " in " + table.path("columns"));
        List<String> v = new ArrayList<>();
        table.path("rows").forEach(row -> v.add(row.get(i).asText()));
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> v = new ArrayList<>();
        array.forEach(n -> v.add(n.asText()));
        return v;
    }
}
