package org.istn.io.nifti;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference scripts of {@code src/test/python} with the Python named by the system
 * property {@code istn.python} (default {@code python3}; the pom passes it to Surefire). A
 * missing Python, numpy or nibabel fails the test with a message saying what to install: CI
 * installs them, so these tests never skip.
 */
final class PythonScripts {

    private static final long TIMEOUT_S = 300;

    private PythonScripts() {}

    static String python() {
        return System.getProperty("istn.python", "python3");
    }

    /** The script's path: {@code src/test/python/<name>} under Maven's {@code basedir}. */
    static Path script(String name) {
        Path p = Path.of(System.getProperty("basedir", "."), "src", "test", "python", name);
        if (!Files.isRegularFile(p)) {
            fail("test script " + p.toAbsolutePath() + " is missing");
        }
        return p;
    }

    /** Runs a script with arguments; returns its output (stdout and stderr), failing on error. */
    static String run(String scriptName, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python());
        cmd.add(script(scriptName).toString());
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("cannot start Python '" + python() + "' for " + scriptName + " (" + e
                    + "); install python3 with numpy and nibabel (python3 -m pip install nibabel)"
                    + " or point -Distn.python at one");
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return fail(scriptName + " did not finish within " + TIMEOUT_S + " s:\n" + out);
            }
            if (out.contains("MISSING-PYTHON-MODULE")) {
                return fail("Python '" + python() + "' lacks numpy or nibabel, needed by "
                        + scriptName + ": " + out.trim()
                        + "; install them (python3 -m pip install nibabel) or point"
                        + " -Distn.python at a Python that has them");
            }
            if (p.exitValue() != 0) {
                return fail(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException | InterruptedException e) {
            p.destroyForcibly();
            return fail("running " + scriptName + " failed: " + e);
        }
    }

    /**
     * Parses a manifest written by the scripts: one line per file, the name, then tab-separated
     * {@code key=value} fields.
     */
    static Map<String, Map<String, String>> manifest(Path file) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t");
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
            out.put(parts[0], fields);
        }
        return out;
    }

    /** Space-separated Python float reprs ({@code nan}, {@code inf} included) as doubles. */
    static double[] doubles(String text) {
        String[] parts = text.trim().split(" ");
        double[] d = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            d[i] = switch (parts[i]) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(parts[i]);
            };
        }
        return d;
    }

    static int[] ints(String text) {
        String[] parts = text.trim().split(" ");
        int[] d = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            d[i] = Integer.parseInt(parts[i]);
        }
        return d;
    }

    /** A 16-entry row-major affine as a 4x4 matrix. */
    static double[][] matrix(String text) {
        double[] d = doubles(text);
        double[][] m = new double[4][4];
        for (int i = 0; i < 16; i++) {
            m[i / 4][i % 4] = d[i];
        }
        return m;
    }

    /** Reads a little-endian float32 file written by numpy's {@code tofile}. */
    static float[] float32File(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
