package org.istn.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.istn.brain.Template;
import org.istn.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick brain demo ({@code istn demo --cohort brain --quick}: 16³ cohort from the real
 * Colin27, 16/8/8 subjects per site, 2 + 1 epochs) end to end on local[2]: every step runs; the
 * report, pictures, Parquet metrics and samples exist; and the report's figures are the measured
 * ones, checked against pyarrow/numpy/nibabel reading the run's predictions and the cohort's
 * images independently (accuracies recounted from the per-subject predictions, the S and T
 * intensity statistics recomputed from the NIfTI files).
 */
class BrainDemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void quickBrainDemoRunsTheWorkflowAndReportsTheMeasuredFigures() throws Exception {
        Path template = Path.of(System.getProperty("istn.ch2bet", Template.DEFAULT_PATH.toString()));
        if (!Files.isRegularFile(template)) {
            fail("ch2bet.nii.gz not found at " + template + "; install it with 'apt-get install -y mricron-data'"
                    + " or set -Distn.ch2bet=PATH");
        }
        TestSpark.session();
        BrainDemoOptions q = BrainDemoOptions.quick();
        BrainDemoOptions o = new BrainDemoOptions(dir.resolve("demo"), template, q.size(), q.train(), q.val(),
                q.test(), q.taskEpochs(), q.daEpochs(), q.batch(), q.itn(), q.stn(), q.seed(), "local[2]",
                q.magnification());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Demo.Outcome r = BrainDemo.run(o, new PrintStream(log, true, StandardCharsets.UTF_8));
        String logText = log.toString(StandardCharsets.UTF_8);
        System.out.println(logText);
        for (int step = 1; step <= 6; step++) {
            assertTrue(logText.contains("istn demo [" + step + "/6]"), "step " + step);
        }
        Path run = r.runDir();
        Path cohort = BrainDemo.cohortOptions(o).out();
        assertTrue(Files.isRegularFile(cohort.resolve("brain-cohort.json")), "the cohort is complete");
        for (String f : List.of("report.md", "samples.png", "affine.png", "da/plots/losses.png",
                "da/plots/validation.png", "task_s/plots/losses.png", "da/samples/epoch-0001.png",
                "da/models/best/istn_A2B.zip", "da/models/best/task_model.zip", "da/models/last/istn_A2B.zip",
                "da/models/last/task_model.zip", "task_s/models/best/task_model.zip")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        for (String f : List.of("da/metrics/epochs.parquet", "da/metrics/validation.parquet",
                "da/metrics/explain.parquet", "task_s/metrics/validation.parquet", "inference/predictions",
                "inference/summary")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        // samples.png: three columns (S | S2T | T) of min(6, test) rows of 16³ mid-slices enlarged to 128 px
        BufferedImage samples = ImageIO.read(run.resolve("samples.png").toFile());
        assertTrue(samples.getWidth() >= 3 * 128 && samples.getHeight() >= 6 * 128,
                samples.getWidth() + "x" + samples.getHeight());

        JsonNode py = python(run, cohort);
        assertEquals(r.taskSOnS(), py.get("accuracy").get("task_s_on_S").asDouble(), 1e-9);
        assertEquals(r.taskSOnT(), py.get("accuracy").get("task_s_on_T").asDouble(), 1e-9);
        assertEquals(r.taskS2TOnT(), py.get("accuracy").get("task_s2t_on_T").asDouble(), 1e-9);
        for (String name : List.of("task_s_on_S", "task_s_on_T", "task_s2t_on_T", "task_s2t_selected_on_T")) {
            assertEquals(o.test(), py.get("n").get(name).asInt(), name);
            assertEquals(py.get("accuracy").get(name).asDouble(), py.get("summary").get(name).asDouble(), 1e-9, name);
            // the job's AUC against numpy's rank statistic (both undefined when a class is missing)
            JsonNode auc = py.get("auc").get(name);
            JsonNode summaryAuc = py.get("summary_auc").get(name);
            assertEquals(auc.isNull(), summaryAuc.isNull(), name + " auc " + auc + " vs " + summaryAuc);
            if (!auc.isNull()) {
                assertEquals(auc.asDouble(), summaryAuc.asDouble(), 1e-9, name);
            }
        }
        for (String c : BrainDemoReport.AFFINE) {
            assertTrue(py.get("explain_columns").toString().contains("\"" + c + "\""), c + " in explain.parquet");
        }

        String md = Files.readString(run.resolve("report.md"));
        assertEquals(r.taskSOnS(), number(md, "\\| Task_S \\(trained on S\\) \\| S \\| ([0-9.]+) \\|"), 0.5e-4, md);
        assertEquals(r.taskSOnT(), number(md, "\\| Task_S \\| T \\| ([0-9.]+) \\|"), 0.5e-4, md);
        assertEquals(r.taskS2TOnT(), number(md,
                "\\| Task_S2T \\(fine-tuned on S2T by the DA job, last epoch\\) \\| T \\| ([0-9.]+) \\|"), 0.5e-4, md);
        assertEquals(py.get("accuracy").get("task_s2t_selected_on_T").asDouble(),
                number(md, "\\| the DA job's epoch selected on T's validation set \\| T \\| ([0-9.]+) \\|"), 0.5e-4, md);
        if (!py.get("auc").get("task_s_on_S").isNull()) {
            assertEquals(py.get("auc").get("task_s_on_S").asDouble(),
                    number(md, "\\| Task_S \\(trained on S\\) \\| S \\| [0-9.]+ \\| ([0-9.]+) \\|"), 0.5e-4, md);
        }
        assertTrue(md.contains(String.format(Locale.ROOT, "**%.1f %%**", 100 * r.gapClosed())), md);
        assertEquals((r.taskS2TOnT() - r.taskSOnT()) / (r.taskSOnS() - r.taskSOnT()), r.gapClosed(), 1e-12);
        JsonNode in = py.get("intensity");
        assertEquals(in.get("S").get("mean").asDouble(), number(md, "(?m)^\\| S \\| ([0-9.]+) \\| [0-9.]+ \\|$"), 0.5e-4 + 1e-7,
                md);
        assertEquals(in.get("T").get("mean").asDouble(), number(md, "(?m)^\\| T \\| ([0-9.]+) \\| 0 \\|$"), 0.5e-4 + 1e-7, md);
        assertEquals(py.get("distance_S_T").asDouble(), number(md, "(?m)^\\| S \\| [0-9.]+ \\| ([0-9.]+) \\|$"),
                0.5e-4 + 1e-7, md);
        // the site shift the demo is about: T's intensity histogram differs from S's (both sites have
        // the same noise floor in the demo, so the distance is T's contrast, bias field, blur and pose:
        // 0.076 measured at 16³, seed 42; with T's doubled noise it was above 0.2)
        assertTrue(py.get("distance_S_T").asDouble() > 0.04, "histogram distance S-T " + py.get("distance_S_T"));
        assertTrue(md.contains("![S, S2T, T](samples.png)") && md.contains("![affine parameters](affine.png)"), md);
        // not asserted: Task_S2T(T) > Task_S(T). Two Task_S epochs and one DA epoch on 16 subjects at
        // 16³ measure nothing but the plumbing; docs/brain-cohort.md has the full-size numbers.
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    private static JsonNode python(Path run, Path cohort) throws Exception {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python",
                "demo_brain_read_outputs.py");
        List<String> cmd = List.of(System.getProperty("istn.python", "python3"), script.toString(), run.toString(),
                cohort.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return fail(String.join(" ", cmd) + " failed" + (text.contains("MISSING-PYTHON-MODULE")
                    ? " (install numpy, nibabel and pyarrow, or point -Distn.python at a Python that has them)" : "")
                    + ":\n" + text);
        }
        return JSON.readTree(text);
    }
}
