package org.istn.brain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.istn.cli.IstnMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code istn make-brain-cohort} end to end on the real Colin27 template ({@code ch2bet.nii.gz}
 * from Debian's {@code mricron-data}, located by the system property {@code istn.ch2bet}): a 24³
 * cohort of 4/2/2 subjects per site, read back with nibabel (shape, dtype, zooms, affine, range),
 * manifest rows against the files on disk, labels against the volume threshold, the volume label
 * against a brain-size proxy measured by numpy, and an intensity-histogram distance showing that
 * the two sites really differ. A second identical run finds the cohort complete.
 */
class BrainCohortIT {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void buildsATwoSiteCohortFromColin27() throws Exception {
        Path template = Path.of(System.getProperty("istn.ch2bet", Template.DEFAULT_PATH.toString()));
        if (!Files.isRegularFile(template)) {
            fail("ch2bet.nii.gz not found at " + template + "; install it with 'apt-get install -y mricron-data'"
                    + " or set -Distn.ch2bet=PATH");
        }
        Path out = tmp.resolve("brain");
        String[] args = {"make-brain-cohort", "--template", template.toString(), "--out", out.toString(), "--size", "24",
            "--train", "4", "--val", "2", "--test", "2", "--threads", "2"};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int rc = IstnMain.run(args, Map.of(), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("cohort written to " + out), stdout.toString());

        JsonNode meta = JSON.readTree(out.resolve(BrainCohort.MARKER).toFile());
        double threshold = meta.get("labels").get("volume_threshold_ml").asDouble();
        // Colin27's mask holds 1,737,193 voxels of 1 mm³; the threshold is it at scale 1, measured on the 24³ grid
        assertEquals(1737.193, meta.get("template").get("brain_volume_ml").asDouble(), 1e-6);
        assertEquals(1737.193, threshold, 0.01 * 1737.193);
        JsonNode affine = meta.get("grid").get("affine");
        double h = 256.0 / 24;

        JsonNode py = python(out);
        List<String> columns = List.of("id", "image", "size_class", "volume", "scale", "domain");
        Map<String, double[]> meanHist = new java.util.HashMap<>();
        for (String site : List.of("S", "T")) {
            JsonNode s = py.get("sites").get(site);
            TreeSet<String> listed = new TreeSet<>();
            List<double[]> sizes = new ArrayList<>();
            for (String split : List.of("train", "val", "test")) {
                JsonNode sp = s.get("splits").get(split);
                assertEquals(columns, JSON.convertValue(sp.get("columns"), List.class));
                int expected = split.equals("train") ? 4 : 2;
                assertEquals(expected, sp.get("rows").size(), site + " " + split);
                int ones = 0;
                double[] hist = new double[20];
                for (JsonNode r : sp.get("rows")) {
                    String id = r.get("id").asText();
                    assertEquals("[24,24,24]", r.get("shape").toString(), id);
                    assertEquals("float32", r.get("dtype").asText(), id);
                    for (JsonNode z : r.get("zooms")) {
                        assertEquals(h, z.asDouble(), 1e-5, id + " zooms");
                    }
                    for (int i = 0; i < 4; i++) {
                        for (int j = 0; j < 4; j++) {
                            assertEquals(affine.get(i).get(j).asDouble(), r.get("affine").get(i).get(j).asDouble(), 1e-4,
                                    id + " affine[" + i + "][" + j + "]");
                        }
                    }
                    assertTrue(r.get("min").asDouble() >= 0 && r.get("max").asDouble() <= 1, id + " range");
                    assertEquals(site, r.get("domain").asText());
                    int cls = r.get("size_class").asInt();
                    ones += cls;
                    assertEquals(cls == 1, r.get("volume").asDouble() > threshold, id);
                    listed.add(r.get("image").asText().substring("images/".length()));
                    sizes.add(new double[] {r.get("volume").asDouble(), r.get("above_0_3").asDouble() * h * h * h / 1000});
                    for (int b = 0; b < 20; b++) {
                        hist[b] += r.get("histogram").get(b).asDouble() / expected;
                    }
                }
                assertEquals(expected / 2, ones, site + " " + split + " balanced");
                meanHist.put(site + "-" + split, hist);
            }
            assertEquals(listed, new TreeSet<>(JSON.convertValue(s.get("files"), List.class)),
                    site + ": manifest rows and image files match one to one");
            double r = pearson(sizes);
            assertTrue(r > 0.9, site + ": the volume label follows the brain-size proxy measured by numpy, r = " + r);
        }
        // site shift: the sites' mean intensity histograms differ far more than two splits of one site
        double between = l1(meanHist.get("S-train"), meanHist.get("T-train"));
        double withinS = l1(meanHist.get("S-train"), meanHist.get("S-test"));
        double withinT = l1(meanHist.get("T-train"), meanHist.get("T-test"));
        assertTrue(between > 3 * Math.max(withinS, withinT), "histogram L1 distance S vs T " + between
                + ", within S " + withinS + ", within T " + withinT);

        // the same command again: the complete cohort is found and kept
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(0, IstnMain.run(args, Map.of(), new PrintStream(again, true, StandardCharsets.UTF_8), System.err));
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("cohort already complete at " + out), again.toString());
    }

    private static double l1(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }

    private static double pearson(List<double[]> xy) {
        double mx = 0;
        double my = 0;
        for (double[] p : xy) {
            mx += p[0] / xy.size();
            my += p[1] / xy.size();
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : xy) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static JsonNode python(Path cohort) throws Exception {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python", "brain_read_cohort.py");
        List<String> cmd = List.of(System.getProperty("istn.python", "python3"), script.toString(), cohort.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return fail(String.join(" ", cmd) + " failed" + (text.contains("MISSING-PYTHON-MODULE")
                    ? " (install numpy and nibabel, or point -Distn.python at a Python that has them)" : "") + ":\n" + text);
        }
        return JSON.readTree(text);
    }
}
