package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster launchers under {@code submit/}: each is run with {@code DRY_RUN=1} through bash,
 * its printed spark-submit command line is parsed back into words by bash itself, and the words
 * are checked: class, jar, the Java 17 flags of {@code pom.xml}'s {@code java17.opens} on driver
 * and executors, GPU resources, parallelism, malloc environment, off-heap caps, the config file
 * ({@code --files} for a local one, none for an {@code hdfs://} one) and the istn arguments.
 */
class SubmitScriptsTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    private static final Path SUBMIT = ROOT.resolve("submit");
    private static final String DEFAULT_JAR = ROOT.resolve("target/istn-spark-0.1.0-SNAPSHOT-app.jar").toString();
    private static final Map<String, String> K8S = Map.of("K8S_MASTER", "k8s://https://api.example:6443",
            "IMAGE", "registry.example/istn-spark:0.1.0-cuda", "K8S_UPLOAD_PATH", "s3a://bucket/upload");
    private static final Map<String, String> STANDALONE = Map.of("MASTER", "spark://head:7077");

    /** The Java 17 flags as the pom gives them to the test JVMs: the independent reference. */
    private static List<String> opens;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readPomOpens() throws IOException {
        Matcher m = Pattern.compile("<java17.opens>([^<]+)</java17.opens>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find(), "pom.xml has no java17.opens property");
        opens = Arrays.asList(m.group(1).trim().split("\\s+"));
        assertEquals(15, opens.size(), "java17.opens: " + opens);
    }

    @Test
    void everyScriptParses() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(SUBMIT)) {
            scripts = new ArrayList<>(s.filter(p -> p.toString().endsWith(".sh")).sorted().toList());
        }
        assertEquals(List.of("common.sh", "gpu-discovery.sh", "k8s.sh", "standalone.sh", "yarn.sh"),
                scripts.stream().map(p -> p.getFileName().toString()).toList());
        scripts.add(ROOT.resolve("bin/istn"));
        for (Path p : scripts) {
            Result r = exec(Map.of(), List.of("bash", "-n", p.toString()));
            assertEquals(0, r.rc, p + ": " + r.err);
            if (!p.getFileName().toString().equals("common.sh")) {
                assertTrue(Files.isExecutable(p), p + " is not executable");
            }
        }
    }

    @Test
    void yarnWithALocalConfigShipsItAndPassesTheCommandThrough() throws Exception {
        Path config = Files.writeString(tmp.resolve("my.conf"), "batch_size = 4\n");
        List<String> w = dryRun("yarn.sh", Map.of("EXECUTORS", "3", "ND4J_MAXBYTES", "20g",
                "ND4J_MAXPHYSICALBYTES", "30g"), "da-unidirectional", "--config", config.toString(), "--png");
        assertEquals("spark-submit", w.get(0));
        assertEquals("yarn", valueOf(w, "--master"));
        assertEquals("cluster", valueOf(w, "--deploy-mode"));
        assertEquals("3", valueOf(w, "--num-executors"));
        assertCommon(w, DEFAULT_JAR, List.of("da-unidirectional", "--png", "--config", "my.conf"));
        Map<String, String> conf = confs(w);
        assertGpu(conf, "./gpu-discovery.sh", "3");
        assertEquals("./gpu-discovery.sh", conf.get("spark.driver.resource.gpu.discoveryScript"));
        assertEquals("1", conf.get("spark.driver.resource.gpu.amount"));
        assertTrue(conf.get("spark.executor.extraJavaOptions").contains(" -Dorg.bytedeco.javacpp.maxbytes=20g"));
        assertTrue(conf.get("spark.executor.extraJavaOptions").contains(" -Dorg.bytedeco.javacpp.maxphysicalbytes=30g"));
        assertEquals("0", conf.get("spark.yarn.appMasterEnv.MALLOC_MMAP_MAX_"));
        assertEquals("1", conf.get("spark.yarn.maxAppAttempts"));
        // the discovery script and the config travel together in one --files
        assertEquals(SUBMIT.resolve("gpu-discovery.sh") + "," + config, valueOf(w, "--files"));
        assertEquals(1, w.stream().filter("--files"::equals).count());
    }

    @Test
    void yarnWithAnHdfsConfigDoesNotShipIt() throws Exception {
        String uri = "hdfs://nn:8020/configs/infer.conf";
        List<String> w = dryRun("yarn.sh", Map.of("CONFIG", uri, "APP_JAR", "hdfs://nn:8020/jars/istn-app.jar"),
                "infer", "--run_name", "2026-01-25", "--itn");
        assertCommon(w, "hdfs://nn:8020/jars/istn-app.jar",
                List.of("infer", "--run_name", "2026-01-25", "--itn", "--config", uri));
        assertEquals(SUBMIT.resolve("gpu-discovery.sh").toString(), valueOf(w, "--files"));
        assertGpu(confs(w), "./gpu-discovery.sh", "2");
    }

    @Test
    void kubernetes() throws Exception {
        Path config = Files.writeString(tmp.resolve("train.json"), "{}");
        Map<String, String> env = new HashMap<>(K8S);
        env.put("NAMESPACE", "imaging");
        env.put("SERVICE_ACCOUNT", "istn");
        List<String> w = dryRun("k8s.sh", env, "train-task", "--model_type", "classifier",
                "--config=" + config);
        assertEquals("k8s://https://api.example:6443", valueOf(w, "--master"));
        assertCommon(w, "local:///opt/istn/istn-spark-app.jar",
                List.of("train-task", "--model_type", "classifier", "--config", "train.json"));
        Map<String, String> conf = confs(w);
        assertGpu(conf, "/opt/istn/gpu-discovery.sh", "2");
        assertEquals("registry.example/istn-spark:0.1.0-cuda", conf.get("spark.kubernetes.container.image"));
        assertEquals("imaging", conf.get("spark.kubernetes.namespace"));
        assertEquals("istn", conf.get("spark.kubernetes.authenticate.driver.serviceAccountName"));
        assertEquals("s3a://bucket/upload", conf.get("spark.kubernetes.file.upload.path"));
        assertEquals("nvidia.com", conf.get("spark.executor.resource.gpu.vendor"));
        assertEquals("1", conf.get("spark.kubernetes.driverEnv.MALLOC_ARENA_MAX"));
        assertEquals(config.toString(), valueOf(w, "--files"));

        List<String> remote = dryRun("k8s.sh", K8S, "infer", "--config", "s3a://bucket/infer.conf");
        assertFalse(remote.contains("--files"), remote.toString());
        assertEquals(List.of("infer", "--config", "s3a://bucket/infer.conf"), appArgs(remote));
    }

    @Test
    void standaloneClientModeReadsTheLocalConfigInPlace() throws Exception {
        Path config = Files.writeString(tmp.resolve("da.conf"), "");
        Map<String, String> env = new HashMap<>(STANDALONE);
        env.put("CONFIG", config.toString());
        env.put("EXECUTORS", "4");
        env.put("EXECUTOR_CORES", "6");
        List<String> w = dryRun("standalone.sh", env, "da-bidirectional", "--nii");
        assertEquals("spark://head:7077", valueOf(w, "--master"));
        assertEquals("client", valueOf(w, "--deploy-mode"));
        assertEquals("24", valueOf(w, "--total-executor-cores"));
        assertCommon(w, DEFAULT_JAR, List.of("da-bidirectional", "--nii", "--config", config.toString()));
        Map<String, String> conf = confs(w);
        assertGpu(conf, SUBMIT.resolve("gpu-discovery.sh").toString(), "4");
        assertFalse(conf.containsKey("spark.driver.resource.gpu.amount"), "a client-mode driver asks for no GPU");
        assertFalse(w.contains("--files"), w.toString());

        env.put("CONFIG", "hdfs://nn/c.conf");
        assertEquals(List.of("da-bidirectional", "--config", "hdfs://nn/c.conf"),
                appArgs(dryRun("standalone.sh", env, "da-bidirectional")));
    }

    @Test
    void theCpuBuildGetsNoGpuResourcesAndSelectsOneDnn() throws Exception {
        List<String> w = dryRun("yarn.sh", Map.of("GPUS_PER_EXECUTOR", "0", "EXECUTORS", "5"), "check-data",
                "train-task");
        Map<String, String> conf = confs(w);
        assertEquals("5", conf.get("spark.default.parallelism"));
        assertTrue(conf.keySet().stream().noneMatch(k -> k.contains("resource.gpu")), conf.toString());
        assertFalse(w.contains("--files"), w.toString());
        for (String side : List.of("driver", "executor")) {
            assertTrue(conf.get("spark." + side + ".extraJavaOptions")
                    .endsWith(" -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2"));
        }
        assertEquals(List.of("check-data", "train-task"), appArgs(w));
    }

    @Test
    void withoutDryRunTheSameWordsReachSparkSubmitWithTheMallocEnvironment() throws Exception {
        Path fake = tmp.resolve("spark-submit");
        Files.writeString(fake, "#!/usr/bin/env bash\nprintf '%s\\0' \"$@\" \"MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\"\n");
        assertTrue(fake.toFile().setExecutable(true));
        Map<String, String> env = new HashMap<>(STANDALONE);
        env.put("SPARK_SUBMIT", fake.toString());
        env.put("APP_JAR", fake.toString()); // any existing file: the launcher checks the jar exists
        List<String> args = List.of("infer", "--run_name", "it's 2026", "--save_images");
        Result r = exec(env, command("standalone.sh", args));
        assertEquals(0, r.rc, r.err);
        List<String> got = new ArrayList<>(Arrays.asList(r.out.split("\0")));
        assertEquals("MALLOC_ARENA_MAX=1", got.remove(got.size() - 1));
        env.put("DRY_RUN", "1");
        List<String> printed = words(exec(env, command("standalone.sh", args)));
        assertEquals(printed.subList(1, printed.size()), got);
        assertEquals(args, appArgs(printed));
    }

    @Test
    void helpBadSettingsAndMissingFilesAreClearErrors() throws Exception {
        for (String s : List.of("yarn.sh", "k8s.sh", "standalone.sh")) {
            Result help = exec(Map.of(), command(s, List.of("--help")));
            assertEquals(0, help.rc, s);
            assertTrue(help.out.startsWith("usage: submit/" + s + " <istn command>"), help.out);
            assertTrue(help.out.contains("DRY_RUN=1") && help.out.contains("GPUS_PER_EXECUTOR"), help.out);
            Result none = exec(Map.of(), command(s, List.of()));
            assertEquals(2, none.rc, s);
            assertTrue(none.err.startsWith("usage: submit/" + s), none.err);
        }
        Path missing = tmp.resolve("nope.conf");
        assertError("yarn.sh: config file not found: " + missing + " (CONFIG or --config)",
                Map.of(), "yarn.sh", "infer", "--config", missing.toString());
        assertError("yarn.sh: DEPLOY_MODE must be cluster or client, found 'both'",
                Map.of("DEPLOY_MODE", "both"), "yarn.sh", "infer");
        assertError("yarn.sh: EXECUTORS must be a whole number >= 0, found 'two'",
                Map.of("EXECUTORS", "two"), "yarn.sh", "infer");
        assertError("k8s.sh: IMAGE (the container image) is required",
                Map.of("K8S_MASTER", "k8s://https://api:6443"), "k8s.sh", "infer");
        assertError("standalone.sh: MASTER must be the standalone master URL spark://HOST:PORT, found ''",
                Map.of(), "standalone.sh", "infer");
        Path config = Files.writeString(tmp.resolve("x.conf"), "");
        Map<String, String> noUpload = new HashMap<>(K8S);
        noUpload.remove("K8S_UPLOAD_PATH");
        assertError("k8s.sh: config file " + config + ": a local config needs K8S_UPLOAD_PATH (an HDFS/S3 folder"
                + " spark-submit uploads it to), or give CONFIG=s3a://... / hdfs://...",
                noUpload, "k8s.sh", "infer", "--config", config.toString());
        assertError("yarn.sh: config given twice: CONFIG=" + config + " and --config b.conf",
                Map.of("CONFIG", config.toString()), "yarn.sh", "infer", "--config", "b.conf");
    }

    @Test
    void gpuDiscoveryPrintsSparksResourceJson() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n[ \"$*\" = '--query-gpu=index --format=csv,noheader' ] || exit 9\n"
                + "printf '0\\n1\\n3\\n'\n");
        assertTrue(smi.toFile().setExecutable(true));
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        Result r = exec(env, List.of("bash", SUBMIT.resolve("gpu-discovery.sh").toString()));
        assertEquals(0, r.rc, r.err);
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\",\"3\"]}\n", r.out);
    }

    // --- helpers -------------------------------------------------------------------------------

    private void assertCommon(List<String> w, String jar, List<String> app) {
        assertEquals("org.istn.cli.IstnMain", valueOf(w, "--class"));
        assertEquals(jar, w.get(w.size() - app.size() - 1), "the jar comes right before the istn command: " + w);
        assertEquals(app, appArgs(w));
        Map<String, String> conf = confs(w);
        for (String side : List.of("driver", "executor")) {
            String javaOpts = conf.get("spark." + side + ".extraJavaOptions");
            List<String> words = Arrays.asList(javaOpts.split(" "));
            assertEquals(opens, words.subList(0, opens.size()), side + " options: " + javaOpts);
        }
        assertEquals("0", conf.get("spark.executorEnv.MALLOC_MMAP_MAX_"));
        assertEquals("68719476736", conf.get("spark.executorEnv.MALLOC_TRIM_THRESHOLD_"));
        assertEquals("1", conf.get("spark.executorEnv.MALLOC_ARENA_MAX"));
    }

    private static void assertGpu(Map<String, String> conf, String discovery, String parallelism) {
        assertEquals("1", conf.get("spark.executor.resource.gpu.amount"));
        assertEquals("1", conf.get("spark.task.resource.gpu.amount"));
        assertEquals(discovery, conf.get("spark.executor.resource.gpu.discoveryScript"));
        assertEquals(parallelism, conf.get("spark.default.parallelism"));
    }

    private void assertError(String message, Map<String, String> env, String script, String... args)
            throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.put("DRY_RUN", "1");
        Result r = exec(e, command(script, List.of(args)));
        assertEquals(2, r.rc, r.out);
        assertEquals(message + "\n", r.err);
    }

    /** The words of the printed command line, as bash reads them. */
    private List<String> dryRun(String script, Map<String, String> env, String... args) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.put("DRY_RUN", "1");
        return words(exec(e, command(script, List.of(args))));
    }

    private List<String> words(Result r) throws Exception {
        assertEquals(0, r.rc, r.err);
        Result w = exec(Map.of(), List.of("bash", "-c", "eval \"set -- $1\"; printf '%s\\0' \"$@\"", "_", r.out));
        assertEquals(0, w.rc, w.err);
        return List.of(w.out.split("\0"));
    }

    /** The arguments after the jar: the istn command line. */
    private static List<String> appArgs(List<String> w) {
        int jar = w.indexOf("--name") + 2;
        while (w.get(jar).equals("--files") || w.get(jar).equals("--conf")) {
            jar += 2;
        }
        return w.subList(jar + 1, w.size());
    }

    private static String valueOf(List<String> w, String option) {
        int i = w.indexOf(option);
        assertTrue(i >= 0 && i + 1 < w.size(), option + " missing in " + w);
        return w.get(i + 1);
    }

    private static Map<String, String> confs(List<String> w) {
        Map<String, String> conf = new LinkedHashMap<>();
        for (int i = 0; i + 1 < w.size(); i++) {
            if (w.get(i).equals("--conf")) {
                String kv = w.get(i + 1);
                int eq = kv.indexOf('=');
                assertTrue(eq > 0, kv);
                assertEquals(null, conf.put(kv.substring(0, eq), kv.substring(eq + 1)), "set twice: " + kv);
            }
        }
        return conf;
    }

    private static List<String> command(String script, List<String> args) {
        List<String> c = new ArrayList<>(List.of("bash", SUBMIT.resolve(script).toString()));
        c.addAll(args);
        return c;
    }

    private record Result(int rc, String out, String err) {}

    /** Runs with a clean environment (PATH and HOME only, plus {@code env}), so no knob leaks in. */
    private Result exec(Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> e = pb.environment();
        String path = e.get("PATH");
        e.clear();
        e.put("PATH", path == null ? "/usr/bin:/bin" : path);
        e.put("HOME", tmp.toString());
        e.putAll(env);
        Path out = tmp.resolve("stdout-" + System.nanoTime());
        Path err = tmp.resolve("stderr-" + System.nanoTime());
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int rc = p.waitFor();
        return new Result(rc, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
