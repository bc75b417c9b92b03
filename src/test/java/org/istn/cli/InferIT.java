package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.istn.config.Normalizer;
import org.istn.data.Batches;
import org.istn.data.Preprocessor;
import org.istn.data.Sample;
import org.istn.io.nifti.NiftiVolume;
import org.istn.nn.AffineStn;
import org.istn.nn.Istn;
import org.istn.nn.Itn;
import org.istn.nn.LeNetClassifier;
import org.istn.nn.LeNetRegressor;
import org.istn.nn.ModelStore;
import org.istn.nn.NetworkGraph;
import org.istn.nn.Provenance;
import org.istn.nn.SameDiffTaskModel;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.spark.InferenceRun;
import org.istn.spark.InferenceTables;
import org.istn.spark.SubjectPrediction;
import org.istn.testing.Fixtures;
import org.istn.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code istn infer} end to end on local[2] with tiny 16×16 NIfTI data: per-subject predictions
 * against the models' own outputs on the same images, summaries against hand computations from
 * the rows, run partitions (append, replace, a failed write), the saved images, and errors. The
 * Parquet tables are read back with pyarrow and the images with nibabel, in Python.
 */
class InferIT {
    private static final int[] SHAPE = {16, 16};
    private static final int N = 12;
    private static final double ITN_SHIFT = 0.1;
    private static final double TX = 0.04;
    private static final double TY = -0.02;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration CONF = new Configuration();

    @TempDir
    static Path dir;

    private static List<Sample> samples;
    private static TaskModel classifier;
    private static TaskModel regressor;
    private static Istn istn;

    @BeforeAll
    static void data() throws IOException {
        TestSpark.session();
        Files.createDirectories(dir.resolve("images"));
        Preprocessor pre = new Preprocessor(SHAPE, Normalizer.TANH);
        samples = new ArrayList<>();
        StringBuilder all = new StringBuilder("id\timage\tdx\tage\n");
        StringBuilder part = new StringBuilder("id\timage\tdx\tage\n");
        StringBuilder unlabelled = new StringBuilder("id\timage\n");
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < N; i++) {
            float[] v = new float[SHAPE[0] * SHAPE[1]];
            double a = 0.5 + r.nextDouble();
            double phase = r.nextDouble() * 6;
            for (int y = 0; y < SHAPE[1]; y++) {
                for (int x = 0; x < SHAPE[0]; x++) {
                    v[y * SHAPE[0] + x] = (float) (a * Math.sin(x / 3.0 + phase) + 0.3 * Math.cos(y / 2.0) + 0.1 * i);
                }
            }
            NiftiVolume vol = NiftiVolume.create(SHAPE, v, new double[] {1, 1}, null);
            String name = "images/s" + i + ".nii.gz";
            Fixtures.put(dir.resolve(name).toString(), Fixtures.bytes(vol, true), CONF);
            int dx = i % 2;
            double age = 0.5 + 0.1 * i;
            String line = "s" + i + "\t" + name + "\t" + dx + "\t" + age + "\n";
            all.append(line);
            if (i < 7) {
                part.append(line);
            }
            unlabelled.append("s").append(i).append('\t').append(name).append('\n');
            samples.add(pre.apply("s" + i, i + 2, vol, dx));
        }
        Fixtures.put(file("all.tsv"), all.toString(), CONF);
        Fixtures.put(file("part.tsv"), part.toString(), CONF);
        Fixtures.put(file("unlabelled.tsv"), unlabelled.toString(), CONF);

        INDArray x = Batches.images(samples);
        classifier = new SameDiffTaskModel(new NetworkGraph(new LeNetClassifier(SHAPE, 1, 1), SHAPE, DataType.FLOAT, 3),
                0.01);
        INDArray dx = Batches.labels(samples);
        for (int step = 0; step < 3; step++) {
            classifier.fit(x, dx);
        }
        regressor = new SameDiffTaskModel(new NetworkGraph(new LeNetRegressor(SHAPE, 1), SHAPE, DataType.FLOAT, 4),
                0.01);
        INDArray age = dx.dup();
        for (int i = 0; i < N; i++) {
            age.putScalar(i, 0.5 + 0.1 * i);
        }
        for (int step = 0; step < 30; step++) {
            regressor.fit(x, age);
        }
        save(file("classifier.zip"), out -> TaskModelStore.save(classifier, Provenance.now(1, "hash-c", Map.of()), out));
        save(file("regressor.zip"), out -> TaskModelStore.save(regressor, Provenance.now(1, "hash-r", Map.of()), out));

        istn = new Istn(new Itn(SHAPE, 1), new AffineStn(SHAPE, 1), SHAPE, DataType.FLOAT, 7);
        istn.graph().getVariable("istn/itn/out/b").getArr().assign(ITN_SHIFT);
        INDArray t = istn.graph().getVariable("istn/stn/translation/b").getArr();
        t.assign(org.nd4j.linalg.factory.Nd4j.create(new double[][] {{atanh(TX / 0.1), atanh(TY / 0.1)}})
                .castTo(t.dataType()));
        save(file("istn.zip"), out -> ModelStore.save(istn, SHAPE, 7, Provenance.now(7, "hash-i", Map.of()), out));
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void save(String path, Writer w) throws IOException {
        try (OutputStream out = Files.newOutputStream(Path.of(path))) {
            w.write(out);
        }
    }

    private static double atanh(double v) {
        return 0.5 * Math.log((1 + v) / (1 - v));
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static String qualified(String name) {
        return "file:" + file(name);
    }

    private record Result(int code, String out, String err) {}

    private static Result infer(String config, String... args) {
        List<String> a = new ArrayList<>(List.of("infer", "--config", config, "--master", "local[2]"));
        a.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IstnMain.run(a.toArray(String[]::new), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result ok(String config, String... args) {
        Result r = infer(config, args);
        assertEquals(0, r.code(), "istn infer failed:\n" + r.out() + r.err());
        return r;
    }

    private static String config(String name, String model, String outputDir, String extra) throws IOException {
        String text = "test_set = \"" + file("all.tsv") + "\"\n"
                + "task_model = \"" + file(model) + "\"\n"
                + "input_shape = [16, 16]\n"
                + "batch_size = 5\n"
                + "output_dir = \"" + file(outputDir) + "\"\n"
                + extra;
        Files.writeString(dir.resolve(name), text);
        return file(name);
    }

    // --- Python readers ------------------------------------------------------------------------

    private static JsonNode python(String mode, String path) {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python", "infer_read_outputs.py");
        List<String> cmd = List.of(System.getProperty("istn.python", "python3"), script.toString(), mode, path);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return fail(String.join(" ", cmd) + " failed" + (out.contains("MISSING-PYTHON-MODULE")
                        ? " (install numpy, pyarrow and nibabel, or point -Distn.python at a Python that has them)"
                        : "") + ":\n" + out + err);
            }
            return JSON.readTree(out);
        } catch (IOException | InterruptedException e) {
            return fail("cannot run " + cmd + ": " + e);
        }
    }

    /** Rows of a Parquet table, by run id, each run's rows by subject. */
    private static Map<String, Map<String, JsonNode>> table(String path) {
        Map<String, Map<String, JsonNode>> byRun = new TreeMap<>();
        for (JsonNode r : python("parquet", path).get("rows")) {
            String key = r.has("subject") ? r.get("subject").asText() : "summary";
            byRun.computeIfAbsent(r.get("run_id").asText(), k -> new TreeMap<>()).put(key, r);
        }
        return byRun;
    }

    private static double d(JsonNode row, String column) {
        JsonNode v = row.get(column);
        assertTrue(v != null && v.isNumber(), column + " is " + v + " in " + row);
        return v.asDouble();
    }

    private static void assertNullColumn(JsonNode row, String column) {
        assertTrue(row.has(column), "no column " + column);
        assertTrue(row.get(column).isNull(), column + " should be null: " + row.get(column));
    }

    // --- expectations computed here ------------------------------------------------------------

    private static List<Sample> first(int n) {
        return samples.subList(0, n);
    }

    private static INDArray transformed(List<Sample> s) {
        return istn.forward(Batches.images(s), false).output();
    }

    /** The hand-computed binary metrics of rows (label, P(1)). */
    private static double[] binaryMetrics(List<double[]> rows) {
        int right = 0;
        int[] total = new int[2];
        int[] correct = new int[2];
        double pairs = 0;
        double wins = 0;
        for (double[] a : rows) {
            int pred = a[1] >= 0.5 ? 1 : 0;
            int y = (int) a[0];
            right += pred == y ? 1 : 0;
            total[y]++;
            correct[y] += pred == y ? 1 : 0;
            for (double[] b : rows) {
                if (a[0] == 1 && b[0] == 0) {
                    pairs++;
                    wins += a[1] > b[1] ? 1 : a[1] == b[1] ? 0.5 : 0;
                }
            }
        }
        return new double[] {(double) right / rows.size(),
            ((double) correct[0] / total[0] + (double) correct[1] / total[1]) / 2, wins / pairs};
    }

    // --- tests ---------------------------------------------------------------------------------

    @Test
    void classifierBehindTheIstnAppendsAndReplacesRunPartitions() throws IOException {
        String out = "out-classifier";
        String cfg = config("classifier.conf", "classifier.zip", out, "label_key = dx\ndataset_name = siteT\n"
                + "run_name = r1\nitn_path = \"" + file("istn.zip") + "\"\nstn_path = \"" + file("istn.zip") + "\"\n");
        Instant before = Instant.now();
        Result r1 = ok(cfg, "--itn", "--stn");
        Instant after = Instant.now();
        String predictions = file(out + "/inference/predictions");
        String summary = file(out + "/inference/summary");
        assertTrue(r1.out().contains("predictions: " + predictions + "/run_id=r1"), r1.out());
        assertTrue(r1.out().contains("accuracy"), r1.out());

        // every subject against the models' own outputs on the same images
        INDArray p1 = classifier.predict(transformed(samples));
        Map<String, JsonNode> rows = table(predictions).get("r1");
        assertEquals(N, rows.size());
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            JsonNode row = rows.get("s" + i);
            double p = p1.getDouble(i);
            int cls = p >= 0.5 ? 1 : 0;
            assertEquals(i % 2, d(row, "label"), 0.0);
            assertEquals(cls, d(row, "prediction"), 0.0, "s" + i + " P(1) " + p);
            assertEquals(p, row.get("probabilities").get(1).asDouble(), 1e-5);
            assertEquals(1 - p, row.get("probabilities").get(0).asDouble(), 1e-5);
            assertEquals(cls == 1 ? p : 1 - p, d(row, "probability"), 1e-5);
            assertEquals(cls == i % 2 ? 0.0 : 1.0, d(row, "error"), 0.0);
            assertEquals(i + 2, row.get("line").asInt());
            assertEquals("siteT", row.get("site").asText());
            assertEquals(qualified("classifier.zip"), row.get("model").asText());
            assertEquals("hash-c", row.get("model_config_hash").asText());
            assertEquals(qualified("istn.zip"), row.get("itn").asText());
            assertEquals(qualified("istn.zip"), row.get("stn").asText());
            assertEquals("BINARY", row.get("task_kind").asText());
            // explanations of the known transform: ITN adds 0.1, STN translates by (0.04, -0.02)
            assertEquals(TX, d(row, "tx"), 1e-6);
            assertEquals(TY, d(row, "ty"), 1e-6);
            assertEquals(0.0, d(row, "rot"), 1e-7);
            assertEquals(1.0, d(row, "scale_x"), 1e-7);
            assertEquals(Math.hypot(TX, TY) / 2, d(row, "disp_max"), 1e-6);
            assertEquals(1.0, d(row, "jac_min"), 1e-5);
            assertEquals(ITN_SHIFT, d(row, "itn_mean_change"), 1e-6);
            assertEquals(ITN_SHIFT, d(row, "itn_max_abs_change"), 1e-6);
            assertNullColumn(row, "tz");
            assertNullColumn(row, "rot_x");
            Instant time = Instant.parse(row.get("time").asText().replace("+00:00", "Z"));
            assertFalse(time.isBefore(before.minusSeconds(1)) || time.isAfter(after), time.toString());
            pairs.add(new double[] {d(row, "label"), row.get("probabilities").get(1).asDouble()});
        }
        assertTrue(pairs.stream().mapToDouble(a -> a[1]).distinct().count() > N / 2, "predictions vary: " + rows);
        checkBinarySummary(table(summary).get("r1").get("summary"), pairs);

        // a second run: a partition of its own, with the transformed images
        Result r2 = ok(cfg, "--itn", "--stn", "--run_name", "r2", "--save_images");
        assertEquals(List.of("r1", "r2"), List.copyOf(table(predictions).keySet()));
        assertEquals(List.of("r1", "r2"), List.copyOf(table(summary).keySet()));
        String images = file(out + "/inference/images/r2");
        assertTrue(r2.out().contains("images:      " + images), r2.out());
        JsonNode saved = python("images", images + "/manifest.tsv");
        assertEquals(List.of("id", "image", "dx"), JSON.convertValue(saved.get("header"), List.class));
        INDArray expected = transformed(samples);
        assertEquals(N, saved.get("rows").size());
        for (int i = 0; i < N; i++) {
            JsonNode img = saved.get("rows").get(i);
            assertEquals(List.of("s" + i, "s" + i + ".nii.gz", String.valueOf(i % 2)),
                    JSON.convertValue(img.get("cells"), List.class));
            assertEquals(List.of(16, 16), JSON.convertValue(img.get("shape"), List.class));
            assertEquals("float32", img.get("dtype").asText());
            float[] want = Batches.image(expected, i);
            JsonNode got = img.get("voxels");
            assertEquals(want.length, got.size());
            for (int v = 0; v < want.length; v++) {
                assertEquals(want[v], got.get(v).asDouble(), 1e-6, "s" + i + " voxel " + v);
            }
        }

        // the saved images load as a training set (normalizer none: they are normalised already)
        org.istn.data.SampleLoader.Loaded again = org.istn.data.SampleLoader.load(TestSpark.context(),
                images + "/manifest.tsv", new org.istn.data.SampleLoader.Options("id", "image", "dx", true,
                        new Preprocessor(SHAPE, Normalizer.NONE), false,
                        org.apache.spark.storage.StorageLevel.MEMORY_ONLY(), 0));
        assertEquals(N, again.count());
        for (Sample x : again.samples().collect()) {
            int i = Integer.parseInt(x.id().substring(1));
            assertEquals(i % 2, x.label(), 0f);
            float[] want = Batches.image(expected, i);
            for (int v = 0; v < want.length; v++) {
                assertEquals(want[v], x.image()[v], 1e-6f, x.id() + " voxel " + v);
            }
        }
        again.samples().unpersist();

        // rerunning r1 on another manifest replaces r1 only
        Map<String, FileTime> r2Files = listing(predictions + "/run_id=r2");
        Map<String, JsonNode> r2Rows = table(predictions).get("r2");
        ok(cfg, "--itn", "--stn", "--test_set", file("part.tsv"));
        Map<String, Map<String, JsonNode>> now = table(predictions);
        assertEquals(List.of("r1", "r2"), List.copyOf(now.keySet()));
        assertEquals(7, now.get("r1").size());
        assertEquals(r2Rows, now.get("r2"));
        assertEquals(r2Files, listing(predictions + "/run_id=r2"));
        List<double[]> part = new ArrayList<>();
        INDArray p7 = classifier.predict(transformed(first(7)));
        for (int i = 0; i < 7; i++) {
            JsonNode row = now.get("r1").get("s" + i);
            assertEquals(p7.getDouble(i), row.get("probabilities").get(1).asDouble(), 1e-5);
            part.add(new double[] {d(row, "label"), row.get("probabilities").get(1).asDouble()});
        }
        Map<String, Map<String, JsonNode>> sums = table(summary);
        checkBinarySummary(sums.get("r1").get("summary"), part);
        assertEquals(N, sums.get("r2").get("summary").get("n").asInt());
        assertNoStagingLeft(Path.of(file(out + "/inference")));
    }

    private static void checkBinarySummary(JsonNode s, List<double[]> rows) {
        double[] m = binaryMetrics(rows);
        assertEquals(rows.size(), s.get("n").asInt());
        assertEquals(rows.size(), s.get("n_labelled").asInt());
        assertEquals(m[0], d(s, "accuracy"), 1e-12);
        assertEquals(m[1], d(s, "balanced_accuracy"), 1e-12);
        assertEquals(m[2], d(s, "auc"), 1e-12);
        for (String c : List.of("mae", "rmse", "r2", "threshold_accuracy")) {
            assertNullColumn(s, c);
        }
        assertEquals("siteT", s.get("site").asText());
        assertEquals("hash-c", s.get("model_config_hash").asText());
    }

    @Test
    void regressorWithThresholdsAndAManifestWithoutLabels() throws IOException {
        String out = "out-regressor";
        String cfg = config("regressor.conf", "regressor.zip", out, "label_key = age\nrun_name = reg\n"
                + "thresholds = [0.05, 0.2, 1.0]\n");
        List<String> descriptions = java.util.Collections.synchronizedList(new ArrayList<>());
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart job) {
                descriptions.add(String.valueOf(job.properties().getProperty("spark.job.description")));
            }
        };
        TestSpark.session().sparkContext().addSparkListener(listener);
        Result r;
        try {
            r = ok(cfg);
            String predict = "infer reg: predict 12 subjects of " + file("all.tsv") + " with " + qualified("regressor.zip");
            for (int wait = 0; wait < 100 && !descriptions.contains(predict); wait++) {
                Thread.sleep(100); // listener events arrive asynchronously
            }
            assertTrue(descriptions.contains(predict), "Spark job descriptions: " + descriptions);
            assertTrue(descriptions.stream().anyMatch(x -> x.startsWith("infer reg: write 12 predictions to ")),
                    descriptions.toString());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            TestSpark.session().sparkContext().removeSparkListener(listener);
        }
        assertTrue(r.out().contains("acc_at_0.2"), r.out());
        INDArray pred = regressor.predict(Batches.images(samples));
        Map<String, JsonNode> rows = table(file(out + "/inference/predictions")).get("reg");
        double[] labels = new double[N];
        double[] values = new double[N];
        for (int i = 0; i < N; i++) {
            JsonNode row = rows.get("s" + i);
            labels[i] = d(row, "label");
            values[i] = d(row, "prediction");
            assertEquals(0.5 + 0.1 * i, labels[i], 1e-6);
            assertEquals(pred.getDouble(i), values[i], 1e-5);
            assertEquals(values[i] - labels[i], d(row, "error"), 1e-12);
            assertNullColumn(row, "probability");
            assertNullColumn(row, "probabilities");
            assertNullColumn(row, "itn");
            for (String c : List.of("tx", "disp_max", "jac_min", "itn_mean_change")) {
                assertNullColumn(row, c);
            }
            assertEquals("all", row.get("site").asText()); // no dataset_name: the manifest's name
        }
        double abs = 0;
        double sq = 0;
        double mean = 0;
        for (double l : labels) {
            mean += l / N;
        }
        double tot = 0;
        int[] within = new int[3];
        double[] th = {0.05, 0.2, 1.0};
        for (int i = 0; i < N; i++) {
            double e = values[i] - labels[i];
            abs += Math.abs(e);
            sq += e * e;
            tot += (labels[i] - mean) * (labels[i] - mean);
            for (int t = 0; t < 3; t++) {
                within[t] += Math.abs(e) <= th[t] ? 1 : 0;
            }
        }
        JsonNode s = table(file(out + "/inference/summary")).get("reg").get("summary");
        assertEquals(abs / N, d(s, "mae"), 1e-9);
        assertEquals(Math.sqrt(sq / N), d(s, "rmse"), 1e-9);
        assertEquals(1 - sq / tot, d(s, "r2"), 1e-9);
        for (String c : List.of("accuracy", "balanced_accuracy", "auc")) {
            assertNullColumn(s, c);
        }
        assertEquals("REGRESSOR", s.get("task_kind").asText());
        for (int t = 0; t < 3; t++) {
            JsonNode ta = s.get("threshold_accuracy").get(t);
            assertEquals(th[t], d(ta, "threshold"), 0.0);
            assertEquals((double) within[t] / N, d(ta, "accuracy"), 1e-12, "threshold " + th[t]);
        }

        // a manifest without the label column still predicts
        ok(cfg, "--run_name", "nolabel", "--test_set", file("unlabelled.tsv"));
        Map<String, JsonNode> un = table(file(out + "/inference/predictions")).get("nolabel");
        assertEquals(N, un.size());
        for (int i = 0; i < N; i++) {
            JsonNode row = un.get("s" + i);
            assertNullColumn(row, "label");
            assertNullColumn(row, "error");
            assertEquals(pred.getDouble(i), d(row, "prediction"), 1e-5);
        }
        JsonNode us = table(file(out + "/inference/summary")).get("nolabel").get("summary");
        assertEquals(N, us.get("n").asInt());
        assertEquals(0, us.get("n_labelled").asInt());
        for (String c : List.of("mae", "rmse", "r2", "threshold_accuracy", "accuracy")) {
            assertNullColumn(us, c);
        }
    }

    @Test
    void aFailedWriteLeavesTheEarlierPartitionAsItWas() throws IOException {
        SparkSession spark = TestSpark.session();
        String table = file("failed-write/predictions");
        InferenceRun run = new InferenceRun("r", Instant.parse("2026-01-02T03:04:05Z"), "m", "h", null, null, "s",
                "t", "c", "v", "REGRESSOR");
        List<SubjectPrediction> preds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double[] ex = new double[org.istn.nn.TransformExplainer.ALL_NAMES.size()];
            java.util.Arrays.fill(ex, Double.NaN);
            preds.add(new SubjectPrediction("s" + i, i + 2, i, i + 0.5, null, ex, null));
        }
        JavaRDD<SubjectPrediction> rdd = TestSpark.context().parallelize(preds, 4);
        InferenceTables.writePredictions(spark, rdd, run, table, preds.size());
        Map<String, FileTime> earlier = listing(table + "/run_id=r");
        JavaRDD<Row> failing = rdd.map(p -> {
            if (p.line() == 30) {
                throw new IllegalStateException("simulated failure while writing");
            }
            return InferenceTables.predictionRow(run, p);
        });
        Exception e = assertThrows(Exception.class, () -> InferenceTables.write(
                spark.createDataFrame(failing, InferenceTables.predictionSchema()), table));
        assertTrue(stackText(e).contains("simulated failure while writing"), stackText(e));
        assertEquals(earlier, listing(table + "/run_id=r"));
        assertEquals(40, table(table).get("r").size());
        assertNoStagingLeft(Path.of(table));
    }

    @Test
    void badInputsAreNamed() throws IOException {
        String cfg = config("bad.conf", "missing.zip", "out-bad", "label_key = dx\n");
        Result r = infer(cfg);
        assertEquals(IstnMain.FAILED, r.code());
        assertEquals("istn infer: bad input: task_model file not found: " + qualified("missing.zip")
                + " (task_model = " + file("missing.zip") + ")\n", r.err());

        r = infer(config("bad2.conf", "classifier.zip", "out-bad", "label_key = dx\n"), "--itn");
        assertEquals(IstnMain.USAGE, r.code());
        assertEquals("istn infer: --itn applies the ITN saved at itn_path, but itn_path is none; set itn_path or"
                + " leave out --itn\n", r.err());

        r = infer(config("bad3.conf", "classifier.zip", "out-bad", "label_key = dx\nnum_classes = 3\n"));
        assertEquals(IstnMain.USAGE, r.code());
        assertEquals("istn infer: num_classes is 3 but the task model " + qualified("classifier.zip")
                + " is a BINARY model with 1 output(s); set num_classes = 1\n", r.err());

        r = infer(config("bad4.conf", "classifier.zip", "out-bad", "label_key = age\n"));
        assertEquals(IstnMain.FAILED, r.code());
        assertEquals("istn infer: bad input: " + file("all.tsv") + " row 2 (id s0): age is 0.5, not a class of the"
                + " BINARY task model " + qualified("classifier.zip") + " (expected 0 or 1)\n", r.err());
        assertFalse(Files.exists(Path.of(file("out-bad/inference/predictions"))), "nothing written");
    }

    private static String stackText(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }

    /** Data files of a folder with their modification times. */
    private static Map<String, FileTime> listing(String folder) throws IOException {
        Map<String, FileTime> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of(folder))) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                m.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
            }
        }
        assertFalse(m.isEmpty(), folder + " is empty");
        return m;
    }

    private static void assertNoStagingLeft(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> left = s.filter(p -> p.getFileName().toString().contains("staging")
                    || p.getFileName().toString().equals("_temporary")).toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }
}
