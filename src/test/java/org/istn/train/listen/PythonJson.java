package org.istn.train.listen;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference script of {@code src/test/python} with the Python named by the system property
 * {@code istn.python} (default {@code python3}) and parses the JSON it prints. A missing Python
 * or module fails the test saying what to install: CI installs them, so these tests never skip.
 */
final class PythonJson {

    private static final long TIMEOUT_S = 120;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private PythonJson() {}

    static JsonNode run(String scriptName, List<String> args) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python", scriptName);
        if (!Files.isRegularFile(script)) {
            fail("test script " + script.toAbsolutePath() + " is missing");
        }
        String python = System.getProperty("istn.python", "python3");
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("cannot start Python '" + python + "' (" + e + "); install python3 with numpy, nibabel"
                    + " and pyarrow (python3 -m pip install nibabel pyarrow) or point -Distn.python at one");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail(scriptName + " did not finish within " + TIMEOUT_S + " s:\n" + out);
        }
        if (out.contains("MISSING-PYTHON-MODULE")) {
            return fail("Python '" + python + "' lacks a module " + scriptName + " needs: " + out.trim()
                    + "; install it (python3 -m pip install nibabel pyarrow) or point -Distn.python at a Python"
                    + " that has it");
        }
        if (p.exitValue() != 0) {
            return fail(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + out);
        }
        return JSON.readTree(out);
    }
}
