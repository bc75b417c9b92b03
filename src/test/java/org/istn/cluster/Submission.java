package org.istn.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code submit/standalone.sh} against a {@link StandaloneCluster}: the launcher
 * execs spark-submit (the Spark home's), which execs the client-mode driver JVM, so the process
 * started here is the driver at the end. Its stdout and stderr go to files; while it runs, the
 * Worker's executor JVMs are sampled so that the test can tell which executors existed.
 */
final class Submission {
    /** The knobs of submit/common.sh and standalone.sh: taken from the test, never from the caller's environment. */
    private static final Set<String> KNOBS = Set.of("MASTER", "DEPLOY_MODE", "GPU_DISCOVERY_SCRIPT", "APP_JAR",
            "CONFIG", "EXECUTORS", "EXECUTOR_CORES", "EXECUTOR_MEMORY", "EXECUTOR_MEMORY_OVERHEAD", "DRIVER_MEMORY",
            "DRIVER_MEMORY_OVERHEAD", "GPUS_PER_EXECUTOR", "TASK_GPU_AMOUNT", "DRIVER_GPUS", "PARALLELISM",
            "ND4J_MAXBYTES", "ND4J_MAXPHYSICALBYTES", "DRIVER_ND4J_MAXBYTES", "DRIVER_ND4J_MAXPHYSICALBYTES",
            "EXTRA_JAVA_OPTS", "SPARK_SUBMIT_EXTRA", "SPARK_SUBMIT", "APP_NAME", "DRY_RUN");
    private static final Pattern APP_ID = Pattern.compile("Connected to Spark cluster with app ID (app-[0-9-]+)");

    private final StandaloneCluster cluster;
    private final Process driver;
    private final Path out;
    private final Path err;
    /** "appId/executorId" → process, every executor seen while the driver ran. */
    private final Map<String, ProcessHandle> executors = new LinkedHashMap<>();
    private final Thread sampler;

    private Submission(StandaloneCluster cluster, Process driver, Path out, Path err) {
        this.cluster = cluster;
        this.driver = driver;
        this.out = out;
        this.err = err;
        this.sampler = new Thread(this::sample, "executor-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Runs {@code launcher args} in {@code dir} with the cluster's environment and {@code knobs}.
     */
    static Submission start(StandaloneCluster cluster, Path launcher, Path dir, Map<String, String> knobs,
            List<String> args) throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(KNOBS::contains);
        SparkHome.withEnv(pb, cluster.env()).environment().putAll(knobs);
        Path out = dir.resolve("driver.out");
        Path err = dir.resolve("driver.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        cluster.track(p.toHandle());
        return new Submission(cluster, p, out, err);
    }

    private void sample() {
        while (driver.isAlive()) {
            for (StandaloneCluster.Executor e : cluster.executors()) {
                synchronized (executors) {
                    executors.putIfAbsent(e.appId() + "/" + e.executorId(), e.process());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The process id of the driver JVM (launcher and spark-submit exec it in place). */
    long driverPid() {
        return driver.pid();
    }

    /** The driver's stderr so far (Spark's and istn's log). */
    String stderr() {
        return read(err);
    }

    /** The driver's stdout so far (what istn prints). */
    String stdout() {
        return read(out);
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The Spark application id, once the driver has connected to the master. */
    String appId() {
        Matcher m = APP_ID.matcher(stderr());
        return m.find() ? m.group(1) : fail("the driver never connected to the master" + diagnostics());
    }

    /**
     * Waits until the driver's stderr, from character {@code from}, matches {@code pattern}; returns
     * the match. Fails if the driver exits first or after {@code timeoutS} seconds.
     */
    Matcher await(Pattern pattern, int from, long timeoutS) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (System.nanoTime() < deadline) {
            boolean alive = driver.isAlive();
            String s = stderr();
            Matcher m = pattern.matcher(s);
            if (s.length() > from && m.find(from)) {
                return m;
            }
            if (!alive) {
                return fail("the driver exited (" + driver.exitValue() + ") before logging /" + pattern + "/"
                        + diagnostics());
            }
            Thread.sleep(50);
        }
        return fail("the driver did not log /" + pattern + "/ within " + timeoutS + " s" + diagnostics());
    }

    /**
     * Waits for the driver to exit and returns its exit code; after {@code timeoutS} seconds kills
     * it (and what runs under it) and fails.
     */
    int awaitExit(long timeoutS) throws Exception {
        if (!driver.waitFor(timeoutS, TimeUnit.SECONDS)) {
            driver.descendants().forEach(StandaloneCluster::stop);
            StandaloneCluster.stop(driver.toHandle());
            fail("the driver did not finish within " + timeoutS + " s" + diagnostics());
        }
        sampler.join(TimeUnit.SECONDS.toMillis(10));
        return driver.exitValue();
    }

    /** Executor id → process of every executor of this application seen while the driver ran. */
    Map<String, ProcessHandle> executors() {
        String prefix = appId() + "/";
        Map<String, ProcessHandle> m = new LinkedHashMap<>();
        synchronized (executors) {
            executors.forEach((k, p) -> {
                if (k.startsWith(prefix)) {
                    m.put(k.substring(prefix.length()), p);
                }
            });
        }
        return m;
    }

    /** The tails of the driver's output and of the cluster's logs, for failure messages. */
    String diagnostics() {
        return "\n" + Logs.section(out, 20) + Logs.section(err, 80) + cluster.logTails();
    }
}
