package org.istn.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark home for tests without a Spark distribution: {@code jars/} is the folder of Spark's jars
 * the build copies from the Maven repository ({@code target/spark-home/jars}, see pom.xml), and
 * {@code bin/spark-submit} does what Spark's {@code bin/spark-class} does: Spark's own launcher
 * ({@code org.apache.spark.launcher.Main}) turns the arguments into the java command line (driver
 * heap from {@code --driver-memory}, {@code spark.driver.extraJavaOptions}, Spark's Java 17
 * flags), which the script then execs. Daemons are started the same way ({@link #command}).
 */
final class SparkHome {
    /** What Spark's {@code load-spark-env.sh} sets for a Scala 2.12 build; the launcher needs it. */
    static final String SCALA_VERSION = "2.12";

    private static final String SPARK_SUBMIT = """
            #!/usr/bin/env bash
            # spark-submit of a test Spark home (written by org.istn.cluster.SparkHome): what Spark's
            # bin/spark-class does. Spark's launcher prints its messages, a NUL, then the java command
            # line of org.apache.spark.deploy.SparkSubmit, NUL-separated; this runs it.
            set -euo pipefail
            export SPARK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
            export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-%s}"
            out="$(mktemp)"
            rc=0
            "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main \\
                org.apache.spark.deploy.SparkSubmit "$@" >"$out" || rc=$?
            if [ "$rc" != 0 ]; then cat "$out" >&2; rm -f "$out"; exit "$rc"; fi
            mapfile -d '' parts <"$out"
            rm -f "$out"
            printf '%%s' "${parts[0]}" >&2
            cmd=("${parts[@]:1}")
            cmd[0]="${cmd[0]#$'\\n'}"
            exec "${cmd[@]}"
            """.formatted(SCALA_VERSION);

    private final Path home;

    private SparkHome(Path home) {
        this.home = home;
    }

    /**
     * Lays out a Spark home in {@code home}: {@code jars} links to {@code jars}, and
     * {@code bin/spark-submit} is the launcher script.
     */
    static SparkHome layOut(Path jars, Path home) throws IOException {
        boolean sparkThere = false;
        if (Files.isDirectory(jars)) {
            try (Stream<Path> s = Files.list(jars)) {
                sparkThere = s.anyMatch(f -> f.getFileName().toString().startsWith("spark-core_" + SCALA_VERSION + "-"));
            }
        }
        assertTrue(sparkThere, jars + " holds no spark-core_" + SCALA_VERSION + " jar: run through mvn verify"
                + " (pre-integration-test copies Spark's jars there)");
        Files.createDirectories(home.resolve("bin"));
        Files.createSymbolicLink(home.resolve("jars"), jars.toAbsolutePath());
        Path submit = home.resolve("bin/spark-submit");
        Files.writeString(submit, SPARK_SUBMIT);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new SparkHome(home);
    }

    Path path() {
        return home;
    }

    /**
     * The environment a Spark process of this home needs: {@code SPARK_HOME},
     * {@code SPARK_SCALA_VERSION} (the worker builds executor command lines with it), loopback
     * addresses, scratch space in {@code localDirs} and the JDK of this JVM.
     */
    Map<String, String> env(Path localDirs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", SCALA_VERSION);
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", localDirs.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    /**
     * Gives {@code pb} the environment {@code env}, without the variables that point Spark or
     * Hadoop at this machine's own configuration (a default file system there would make the
     * test's local paths remote).
     */
    static ProcessBuilder withEnv(ProcessBuilder pb, Map<String, String> env) {
        pb.environment().keySet().removeAll(Set.of("SPARK_CONF_DIR", "HADOOP_CONF_DIR", "YARN_CONF_DIR"));
        pb.environment().putAll(env);
        return pb;
    }

    /**
     * The java command line Spark's launcher builds for {@code mainClass} (as {@code spark-class}
     * would run it), with {@code env} set.
     */
    List<String> command(Map<String, String> env, String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", home.resolve("jars") + "/*", "org.apache.spark.launcher.Main", mainClass));
        cmd.addAll(Arrays.asList(args));
        Process p = withEnv(new ProcessBuilder(cmd), env).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("Spark's launcher did not answer within 60 s for " + mainClass);
        }
        if (p.exitValue() != 0) {
            fail("Spark's launcher failed (" + p.exitValue() + ") for " + mainClass + ": "
                    + new String(out, StandardCharsets.UTF_8));
        }
        // messages, NUL, newline, then the command line with each word NUL-terminated
        String s = new String(out, StandardCharsets.UTF_8);
        int start = s.indexOf('\0');
        List<String> words = new ArrayList<>(Arrays.asList(s.substring(start + 1).split("\0")));
        words.set(0, words.get(0).strip());
        return words;
    }
}
