package org.istn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.istn.cli.IstnMain;
import org.istn.config.Normalizer;
import org.istn.data.Batches;
import org.istn.data.Preprocessor;
import org.istn.data.Sample;
import org.istn.data.SampleLoader;
import org.istn.nn.LeNetClassifier;
import org.istn.nn.NetworkGraph;
import org.istn.nn.Provenance;
import org.istn.nn.SameDiffTaskModel;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.testing.TestSpark;
import org.istn.testing.TwoDomains;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * s3a:// end to end against a real S3 API server on loopback: s3proxy (transient in-memory
 * blobstore, AWS v2/v4 signatures checked against a per-run key pair) in its own JVM, from the
 * jar the build copies to {@code target/s3proxy/}. Inputs are uploaded through the S3 API; the
 * manifest is read with {@link SampleLoader}, {@code istn infer} and {@code istn train-task} read
 * from and write to the bucket, their Parquet tables and models are read back from it, and the
 * secret key is looked for in the logs (S3A at DEBUG), the console output and every object written.
 */
class S3IT {
    private static final String BUCKET = "istn-it";
    private static final String ACCESS = "istn-test-access";
    private static final String SECRET = "s3cret-" + UUID.randomUUID();
    private static final int SIZE = 16;

    @TempDir
    static Path dir;

    private static Process server;
    private static String endpoint;
    private static AmazonS3 s3;
    private static JavaSparkContext sc;
    private static List<Sample> train;
    private static List<Sample> test;

    @BeforeAll
    static void start() throws Exception {
        String jar = System.getProperty("istn.s3proxy.jar", "target/s3proxy/s3proxy.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + " missing: run through mvn verify (the build copies"
                + " org.gaul:s3proxy:jar-with-dependencies there in pre-integration-test)");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(props, "s3proxy.endpoint=" + endpoint + "\n"
                + "s3proxy.authorization=aws-v2-or-v4\n"
                + "s3proxy.identity=" + ACCESS + "\n"
                + "s3proxy.credential=" + SECRET + "\n"
                + "jclouds.provider=transient\n"
                + "jclouds.identity=unused\n"
                + "jclouds.credential=unused\n");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar, "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        waitForPort(port);

        s3 = AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS, SECRET)))
                .build();
        s3.createBucket(BUCKET);

        // inputs made locally, uploaded through the S3 API
        train = TwoDomains.make("t", 16, SIZE, false, 2, 21);
        test = TwoDomains.make("v", 8, SIZE, false, 2, 22);
        TwoDomains.write(train, dir.resolve("cohort"), "train");
        TwoDomains.write(test, dir.resolve("cohort"), "test");
        TaskModel model = new SameDiffTaskModel(new NetworkGraph(new LeNetClassifier(new int[] {SIZE, SIZE}, 1, 1),
                new int[] {SIZE, SIZE}, DataType.FLOAT, 3), 0.01);
        for (int step = 0; step < 3; step++) {
            model.fit(Batches.images(train), Batches.labels(train));
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("classifier.zip"))) {
            TaskModelStore.save(model, Provenance.now(3, "hash-s3", Map.of()), out);
        }
        try (var files = Files.list(dir.resolve("cohort"))) {
            for (Path f : files.toList()) {
                s3.putObject(BUCKET, "cohort/" + f.getFileName(), f.toFile());
            }
        }
        s3.putObject(BUCKET, "models/classifier.zip", dir.resolve("classifier.zip").toFile());

        sc = TestSpark.context();
        Configuration conf = sc.hadoopConfiguration();
        conf.set("fs.s3a.endpoint", endpoint);
        conf.set("fs.s3a.path.style.access", "true");
        conf.set("fs.s3a.connection.ssl.enabled", "false");
        conf.set("fs.s3a.access.key", ACCESS);
        conf.set("fs.s3a.secret.key", SECRET);
        conf.set("fs.s3a.attempts.maximum", "1");
        conf.set("fs.s3a.retry.limit", "1");
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "s3proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("s3proxy did not listen on " + port + " within 60 s: "
                + Files.readString(dir.resolve("s3proxy.log")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sc != null) {
            Configuration conf = sc.hadoopConfiguration();
            // the cached S3A instance, made with the keys below, is closed before they go
            FileSystem.get(new java.net.URI("s3a://" + BUCKET + "/"), conf).close();
            for (String k : List.of("fs.s3a.endpoint", "fs.s3a.path.style.access", "fs.s3a.connection.ssl.enabled",
                    "fs.s3a.access.key", "fs.s3a.secret.key", "fs.s3a.attempts.maximum", "fs.s3a.retry.limit")) {
                conf.unset(k);
            }
        }
        if (s3 != null) {
            s3.shutdown();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertFalse(server.isAlive(), "s3proxy still running");
        }
    }

    private static String s3a(String key) {
        return "s3a://" + BUCKET + "/" + key;
    }

    // --- the log of what runs inside, S3A and istn at DEBUG, the rest at INFO ---------------------

    private record Captured<T>(T value, String log) {}

    private static <T> Captured<T> capturing(Callable<T> body) throws Exception {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = ctx.getConfiguration().getRootLogger();
        Level rootLevel = root.getLevel();
        Map<String, Appender> before = new TreeMap<>(root.getAppenders());
        StringWriter log = new StringWriter();
        WriterAppender capture = WriterAppender.newBuilder().setName("s3it-capture").setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%throwable").build()).build();
        capture.start();
        // the console keeps showing warnings only
        before.keySet().forEach(root::removeAppender);
        before.values().forEach(a -> root.addAppender(a, Level.WARN, null));
        root.addAppender(capture, null, null);
        root.setLevel(Level.INFO);
        LoggerConfig s3a = new LoggerConfig("org.apache.hadoop.fs.s3a", Level.DEBUG, true);
        LoggerConfig istn = new LoggerConfig("org.istn", Level.DEBUG, true);
        ctx.getConfiguration().addLogger(s3a.getName(), s3a);
        ctx.getConfiguration().addLogger(istn.getName(), istn);
        ctx.updateLoggers();
        try {
            T value = body.call();
            return new Captured<>(value, log.toString());
        } finally {
            ctx.getConfiguration().removeLogger(s3a.getName());
            ctx.getConfiguration().removeLogger(istn.getName());
            root.removeAppender(capture.getName());
            before.keySet().forEach(root::removeAppender);
            before.values().forEach(a -> root.addAppender(a, null, null));
            root.setLevel(rootLevel);
            ctx.updateLoggers();
            capture.stop();
        }
    }

    private record Result(int code, String out, String err) {}

    private static Captured<Result> istn(String... args) throws Exception {
        return capturing(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = IstnMain.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        });
    }

    /** The secret is nowhere in a log that did record the S3A traffic. */
    private static void assertNoSecret(String what, String text) {
        assertFalse(text.contains(SECRET), "the secret key appears in " + what);
    }

    private static void assertLogSawS3a(String log) {
        assertTrue(log.contains("org.apache.hadoop.fs.s3a") && log.contains("s3a://" + BUCKET),
                "the capture holds S3A's DEBUG lines (else the secret check proves nothing):\n"
                        + log.substring(0, Math.min(log.length(), 2000)));
    }

    /** Every object under a prefix, by key, read back through S3A. */
    private static Map<String, byte[]> objects(String prefix) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(s3a(prefix));
        FileSystem fs = root.getFileSystem(sc.hadoopConfiguration());
        Map<String, byte[]> m = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            org.apache.hadoop.fs.Path p = it.next().getPath();
            try (InputStream in = fs.open(p)) {
                m.put(p.toUri().getPath().substring(1), in.readAllBytes());
            }
        }
        return m;
    }

    private static void assertCleanObjects(Map<String, byte[]> objects) {
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            assertFalse(name.endsWith(".tmp") || e.getKey().contains("_temporary") || e.getKey().contains("staging"),
                    "a temporary object is left: " + e.getKey());
            assertNoSecret(e.getKey(), new String(e.getValue(), StandardCharsets.ISO_8859_1));
        }
    }

    private static List<Sample> sorted(List<Sample> s) {
        List<Sample> c = new ArrayList<>(s);
        c.sort(Comparator.comparing(Sample::id));
        return c;
    }

    // --- tests -----------------------------------------------------------------------------------

    @Test
    void sampleLoaderReadsTheManifestAndVolumesUploadedThroughTheS3Api() throws Exception {
        String manifest = s3a("cohort/test.tsv");
        Captured<SampleLoader.Loaded> c = capturing(() -> SampleLoader.load(sc, manifest, new SampleLoader.Options(
                "id", "image", "label", true, new Preprocessor(new int[] {SIZE, SIZE}, Normalizer.NONE), false,
                StorageLevel.MEMORY_ONLY(), 0)));
        SampleLoader.Loaded loaded = c.value();
        assertEquals(test.size(), loaded.count());
        assertTrue(loaded.badRows() == null || loaded.badRows().isEmpty(), "no bad rows: " + loaded.badRows());
        assertEquals(s3a("cohort/v3.nii.gz"), loaded.manifest().rows().get(3).image());
        List<Sample> got = sorted(loaded.samples().collect());
        List<Sample> want = sorted(test);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).id(), got.get(i).id());
            assertEquals(want.get(i).label(), got.get(i).label());
            assertArrayEquals(new int[] {SIZE, SIZE}, got.get(i).shape());
            assertArrayEquals(want.get(i).image(), got.get(i).image(), 0f, "same voxels as the local file");
        }
        loaded.samples().unpersist();
        assertLogSawS3a(c.log());
        assertNoSecret("the log of the load", c.log());
    }

    @Test
    void inferReadsFromAndWritesItsTablesToS3() throws Exception {
        Path cfg = dir.resolve("infer.conf");
        Files.writeString(cfg, "test_set = \"" + s3a("cohort/test.tsv") + "\"\n"
                + "task_model = \"" + s3a("models/classifier.zip") + "\"\n"
                + "input_shape = [16, 16]\nnormalizer = none\nlabel_key = label\nbatch_size = 4\n"
                + "run_name = s3run\noutput_dir = \"" + s3a("runs") + "\"\n");
        Captured<Result> c = istn("infer", "--config", cfg.toString(), "--master", "local[2]");
        Result r = c.value();
        assertEquals(IstnMain.OK, r.code(), r.out() + r.err());
        String predictions = s3a("runs/inference/predictions");
        assertTrue(r.out().contains("predictions: " + predictions + "/run_id=s3run"), r.out());

        // the rows read back from S3 against the model's own outputs on the local images
        TaskModel model;
        try (InputStream in = Files.newInputStream(dir.resolve("classifier.zip"))) {
            model = TaskModelStore.load(in, "classifier.zip", 0.01).model();
        }
        List<Sample> want = sorted(test);
        INDArray p = model.predict(Batches.images(want));
        SparkSession spark = TestSpark.session();
        List<Row> rows = spark.read().parquet(predictions).where("run_id = 's3run'").orderBy("subject").collectAsList();
        assertEquals(want.size(), rows.size());
        int right = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double p1 = p.getDouble(i);
            assertEquals(want.get(i).id(), row.getAs("subject"));
            assertEquals(want.get(i).label(), ((Number) row.getAs("label")).doubleValue(), 0.0);
            assertEquals(p1, row.<scala.collection.Seq<Double>>getAs("probabilities").apply(1), 1e-5);
            assertEquals(p1 >= 0.5 ? 1.0 : 0.0, ((Number) row.getAs("prediction")).doubleValue(), 0.0);
            assertEquals(s3a("models/classifier.zip"), row.getAs("model"));
            right += (p1 >= 0.5) == (want.get(i).label() == 1) ? 1 : 0;
        }
        List<Row> summary = spark.read().parquet(s3a("runs/inference/summary")).where("run_id = 's3run'")
                .collectAsList();
        assertEquals(1, summary.size());
        assertEquals(want.size(), ((Number) summary.get(0).getAs("n")).intValue());
        assertEquals((double) right / want.size(), summary.get(0).<Double>getAs("accuracy"), 1e-12);

        Map<String, byte[]> written = objects("runs/inference");
        assertTrue(written.keySet().stream().anyMatch(k -> k.startsWith("runs/inference/predictions/run_id=s3run/")
                && k.endsWith(".parquet")), written.keySet().toString());
        assertCleanObjects(written);
        assertLogSawS3a(c.log());
        assertNoSecret("the log of istn infer", c.log());
        assertNoSecret("the output of istn infer", r.out() + r.err());
    }

    @Test
    void trainTaskWritesItsRunFolderToS3() throws Exception {
        Map<String, String> conf = new TreeMap<>(Map.ofEntries(Map.entry("train_set", s3a("cohort/train.tsv")),
                Map.entry("test_set", s3a("cohort/test.tsv")), Map.entry("label_key", "label"),
                Map.entry("normalizer", "none"), Map.entry("input_shape", "[16,16]"),
                Map.entry("augmentation", "false"), Map.entry("num_classes", "1"), Map.entry("batch_size", "4"),
                Map.entry("epochs", "1"), Map.entry("val_interval", "1"), Map.entry("averaging_frequency", "2"),
                Map.entry("learning_rate", "0.003"), Map.entry("early_stopping_epochs", "0"),
                Map.entry("output_dir", s3a("runs")), Map.entry("run_name", "t1")));
        List<String> args = new ArrayList<>(List.of("train-task", "--master", "local[2]", "--model_type", "classifier"));
        conf.forEach((k, v) -> args.addAll(List.of("--conf", k + "=" + v)));
        Captured<Result> c = istn(args.toArray(String[]::new));
        Result r = c.value();
        assertEquals(IstnMain.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("completed 1 epochs") || r.out().contains("completed 1 epoch"), r.out());

        Map<String, byte[]> written = objects("runs/t1");
        for (String f : List.of("config.json", "models/best/task_model.zip", "models/last/task_model.zip",
                "checkpoints/epoch-0001.ckpt", "plots/losses.png", "plots/validation.png")) {
            assertTrue(written.containsKey("runs/t1/" + f), f + " in " + written.keySet());
        }
        assertCleanObjects(written);
        String config = new String(written.get("runs/t1/config.json"), StandardCharsets.UTF_8);
        assertTrue(config.contains(s3a("runs")) && config.contains(s3a("cohort/train.tsv")), config);

        SparkSession spark = TestSpark.session();
        List<Row> epochs = spark.read().parquet(s3a("runs/t1/metrics/epochs.parquet")).collectAsList();
        assertEquals(1, epochs.size());
        assertEquals(1, epochs.get(0).<Integer>getAs("epoch"));
        assertEquals(train.size(), ((Number) epochs.get(0).getAs("samples")).longValue());
        List<Row> validation = spark.read().parquet(s3a("runs/t1/metrics/validation.parquet")).collectAsList();
        assertEquals(1, validation.size());
        assertTrue(validation.get(0).<Boolean>getAs("improved"));

        // the best model, read from S3, gives the validation accuracy recorded for it
        TaskModel best;
        try (InputStream in = new java.io.ByteArrayInputStream(written.get("runs/t1/models/best/task_model.zip"))) {
            best = TaskModelStore.load(in, s3a("runs/t1/models/best/task_model.zip"), 1e-3).model();
        }
        List<Sample> val = sorted(test);
        INDArray p = best.predict(Batches.images(val));
        int right = 0;
        for (int i = 0; i < val.size(); i++) {
            right += (p.getDouble(i) >= 0.5) == (val.get(i).label() == 1) ? 1 : 0;
        }
        assertEquals((double) right / val.size(), validation.get(0).<Double>getAs("accuracy"), 1e-9);

        assertLogSawS3a(c.log());
        assertNoSecret("the log of istn train-task", c.log());
        assertNoSecret("the output of istn train-task", r.out() + r.err());
    }
}
