package org.istn.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.istn.demo.Demo;
import org.istn.demo.DemoOptions;
import org.istn.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes the notebooks of {@code notebooks/} with nbconvert (the Python of {@code istn.python})
 * over the outputs of a shortened demo (200/50/100 images per domain, 2 + 1 epochs, local[2]):
 * each notebook runs to the end without an error output, shows figures, and takes the path its
 * data call for (explainability histograms of the DA run, the before/after comparison of the
 * demo's two runs on T, the note instead of a crash for a run without an explain table).
 */
class NotebooksIT {
    private static final long TIMEOUT_S = 240;
    private static final JsonMapper JSON = new JsonMapper();

    @TempDir
    static Path dir;
    private static Path run;

    @BeforeAll
    static void runShortDemo() throws Exception {
        TestSpark.session();
        DemoOptions q = DemoOptions.quick();
        DemoOptions o = new DemoOptions(dir.resolve("demo"), Optional.empty(), q.label(), 200, 50, 100, 2, 1,
                q.batch(), q.itn(), q.stn(), q.seed(), "local[2]", false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        run = Demo.run(o, new PrintStream(log, true, StandardCharsets.UTF_8)).runDir();
    }

    @Test
    void trainingRunNotebookPlotsTheDaRun() throws Exception {
        Executed nb = execute("training_run.ipynb", Map.of("ISTN_RUN_DIR", run.resolve("da").toString()), "da");
        assertTrue(nb.text.contains("run folder: " + run.resolve("da")), nb.text);
        assertTrue(nb.text.contains("explain: 50 rows"), "one explain row per validation subject: " + nb.text);
        assertFalse(nb.text.contains("note:"), "the DA run has every table and a sample grid: " + nb.text);
        assertTrue(nb.text.contains("epoch-0001.png (latest of 1)"), nb.text);
        // losses, validation, three explain groups (affine, displacement, ITN), the sample grid
        assertEquals(6, nb.images, nb.text);
    }

    @Test
    void trainingRunNotebookNotesWhatARunWithoutTransformerLacks() throws Exception {
        Executed nb = execute("training_run.ipynb", Map.of("ISTN_RUN_DIR", run.resolve("task_s").toString()),
                "task_s");
        assertTrue(nb.text.contains("explain: missing"), nb.text);
        assertTrue(nb.text.contains("note: metrics/explain.parquet is missing"), nb.text);
        assertTrue(nb.text.contains("note: no samples/epoch-*.png"), nb.text);
        assertEquals(2, nb.images, "loss and validation figures: " + nb.text);
    }

    @Test
    void inferenceHistoryNotebookComparesTheDemosRunsOnT() throws Exception {
        Executed nb = execute("inference_history.ipynb", Map.of("ISTN_OUTPUT_DIR", run.toString()), "inference");
        assertTrue(nb.text.contains("3 runs, 300 predictions"), nb.text);
        assertTrue(nb.text.contains("task_s_on_T: 100 subjects, task_s2t_on_T: 100, in both: 100"), nb.text);
        assertFalse(nb.text.contains("note:"), nb.text);
        // accuracy bars, per-class accuracy with two confusion matrices, probability histograms
        assertEquals(3, nb.images, nb.text);
    }

    /** The executed notebook: its text outputs joined, and how many PNG images it shows. */
    private record Executed(String text, int images) {}

    private static Executed execute(String notebook, Map<String, String> env, String tag)
            throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("basedir", "."), "notebooks", notebook).toAbsolutePath();
        assertTrue(Files.isRegularFile(source), source + " is missing");
        Path outDir = Files.createDirectories(dir.resolve("executed-" + tag));
        String python = System.getProperty("istn.python", "python3");
        List<String> cmd = new ArrayList<>(List.of(python, "-m", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=180", "--output-dir", outDir.toString(), source.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("MPLBACKEND", "Agg");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return fail("cannot start Python '" + python + "' (" + e + "); install python3 with nbconvert, ipykernel,"
                    + " matplotlib, pandas and pyarrow (bin/test does) or point -Distn.python at one");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail(notebook + " did not finish within " + TIMEOUT_S + " s:\n" + out);
        }
        if (out.contains("No module named")) {
            return fail("Python '" + python + "' lacks a module the notebooks need: " + out.trim() + "\ninstall them"
                    + " (python3 -m pip install nbconvert ipykernel matplotlib pandas pyarrow; bin/test does) or"
                    + " point -Distn.python at a Python that has them");
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        Path executed = outDir.resolve(notebook);
        assertTrue(Files.isRegularFile(executed), "nbconvert wrote no " + executed + ":\n" + out);
        StringBuilder text = new StringBuilder();
        int images = 0;
        for (JsonNode cell : JSON.readTree(executed.toFile()).path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                String type = output.path("output_type").asText();
                assertFalse(type.equals("error"), notebook + " raised " + output.path("ename").asText() + ": "
                        + output.path("evalue").asText());
                for (JsonNode line : output.path("text")) {
                    text.append(line.asText());
                }
                JsonNode data = output.path("data");
                if (data.has("image/png")) {
                    images++;
                } else if (data.has("text/plain")) {
                    for (JsonNode line : data.path("text/plain")) {
                        text.append(line.asText());
                    }
                    text.append('\n');
                }
            }
        }
        assertTrue(images > 0, notebook + " shows no image/png output");
        return new Executed(text.toString(), images);
    }
}
