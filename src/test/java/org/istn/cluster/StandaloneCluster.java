package org.istn.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on loopback for tests: a Master and one Worker, each its own JVM
 * started with the command line Spark's launcher builds ({@link SparkHome#command}), logging to
 * files in the cluster's folder. Executors are the Worker's child processes. {@link #close()}
 * stops the Worker, then the Master (SIGTERM, a grace period, then SIGKILL) and fails if any
 * process this cluster started, or saw, is still alive.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final long START_TIMEOUT_S = 180;
    private static final long STOP_GRACE_S = 30;

    /** An executor JVM of an application: its process, application id and executor id. */
    record Executor(ProcessHandle process, String appId, String executorId) {}

    private final Path dir;
    private final Map<String, String> env;
    private final String masterUrl;
    private final Process master;
    private final Process worker;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    private StandaloneCluster(Path dir, Map<String, String> env, String masterUrl, Process master, Process worker) {
        this.dir = dir;
        this.env = env;
        this.masterUrl = masterUrl;
        this.master = master;
        this.worker = worker;
    }

    /**
     * Starts a Master and a Worker with {@code cores} cores and {@code memory} for executors,
     * and waits until the Worker has registered.
     */
    static StandaloneCluster start(SparkHome home, Path dir, int cores, String memory) throws Exception {
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("local"));
        Map<String, String> env = home.env(dir.resolve("local"));
        env.put("SPARK_DAEMON_MEMORY", "512m");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        Process master = launch(home, env, dir.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0");
        Process worker = null;
        try {
            awaitLine(master, dir.resolve("master.log"), "I have been elected leader", "master");
            worker = launch(home, env, dir.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", Integer.toString(cores),
                    "--memory", memory, "--work-dir", dir.resolve("work").toString(), url);
            awaitLine(worker, dir.resolve("worker.log"), "Successfully registered with master", "worker");
        } catch (Throwable t) {
            for (Process p : worker == null ? List.of(master) : List.of(worker, master)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            throw t;
        }
        StandaloneCluster c = new StandaloneCluster(dir, env, url, master, worker);
        c.seen.add(master.toHandle());
        c.seen.add(worker.toHandle());
        return c;
    }

    private static Process launch(SparkHome home, Map<String, String> env, Path log, String mainClass,
            String... args) throws Exception {
        ProcessBuilder pb = SparkHome.withEnv(new ProcessBuilder(home.command(env, mainClass, args)), env);
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLine(Process p, Path log, String line, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                fail("the " + what + " exited with " + p.exitValue() + " before logging '" + line + "':\n"
                        + Logs.tail(log, 60));
            }
            Thread.sleep(200);
        }
        fail("the " + what + " did not log '" + line + "' within " + START_TIMEOUT_S + " s:\n" + Logs.tail(log, 60));
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The Worker's work folder: {@code <app id>/<executor id>/} per executor, with its stdout and stderr. */
    Path workDir() {
        return dir.resolve("work");
    }

    /** The environment of the cluster's processes (Spark home, loopback, scratch folder, JDK). */
    Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** The executor JVMs now running under the Worker. */
    List<Executor> executors() {
        List<Executor> out = new ArrayList<>();
        worker.descendants().forEach(p -> {
            List<String> args = p.info().arguments().map(List::of).orElse(List.of());
            if (args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")) {
                Optional<String> app = after(args, "--app-id");
                Optional<String> id = after(args, "--executor-id");
                if (app.isPresent() && id.isPresent()) {
                    synchronized (seen) {
                        seen.add(p);
                    }
                    out.add(new Executor(p, app.get(), id.get()));
                }
            }
        });
        return out;
    }

    private static Optional<String> after(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }

    /** Counts {@code p} among this cluster's processes: {@link #close()} checks that it ended. */
    void track(ProcessHandle p) {
        synchronized (seen) {
            seen.add(p);
        }
    }

    /** The last lines of the daemons' logs and of every executor's stderr. */
    String logTails() {
        StringBuilder s = new StringBuilder();
        s.append(Logs.section(dir.resolve("master.log"), 30)).append(Logs.section(dir.resolve("worker.log"), 40));
        try (Stream<Path> files = Files.walk(workDir())) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("stderr")).sorted().toList()) {
                s.append(Logs.section(f, 30));
            }
        } catch (IOException e) {
            s.append("(cannot list ").append(workDir()).append(": ").append(e).append(")\n");
        }
        return s.toString();
    }

    /**
     * Stops the Worker, then the Master: SIGTERM, up to {@value #STOP_GRACE_S} s, then SIGKILL;
     * processes still alive under them afterwards get the same. Fails naming every process of the
     * cluster (daemons, executors, tracked drivers) still alive.
     */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process daemon : List.of(worker, master)) { // reverse order of starting
            all.addAll(daemon.descendants().toList()); // before they are orphaned
            all.add(daemon.toHandle());
        }
        synchronized (seen) {
            all.addAll(seen);
        }
        for (Process daemon : List.of(worker, master)) {
            List<ProcessHandle> under = daemon.descendants().toList();
            stop(daemon.toHandle());
            under.forEach(StandaloneCluster::stop);
        }
        all.forEach(StandaloneCluster::stop);
        List<String> alive = all.stream().distinct().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.toList());
        if (!alive.isEmpty()) {
            fail("processes of the test cluster still alive after stopping it: " + alive);
        }
    }

    /** SIGTERM, a grace period, then SIGKILL. */
    static void stop(ProcessHandle p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            p.onExit().get(STOP_GRACE_S, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            p.destroyForcibly();
            try {
                p.onExit().get(STOP_GRACE_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the caller's isAlive check
            }
        }
    }
}
