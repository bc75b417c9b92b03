package org.istn.train.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.istn.testing.TestSpark;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.RunStart;
import org.istn.train.event.SubjectExplanation;
import org.istn.train.event.Validation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric tables written through Spark (local[2]) and read back with pyarrow, a resumed run,
 * recovery after a crash between the renames, and the plots.
 */
class MetricsRecorderIT {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void session() {
        spark = TestSpark.session();
    }

    private RunStart start(int firstEpoch, List<String> losses, String hash) {
        return new RunStart("r1", "da-unidirectional", dir.resolve("r1").toString(), spark, firstEpoch, 10, 8, 4, 2,
                losses, Map.of("epochs", "10"), hash);
    }

    private static EpochSummary epoch(int e, double base) {
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("loss_istn", base + e);
        losses.put("loss_d", base / e);
        return new EpochSummary(e, losses, 32L * e, 1.5 * e, 32.0 / 1.5, 0.25 * e);
    }

    private static Map<String, Double> map(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    private JsonNode readTables() throws Exception {
        Path m = dir.resolve("r1/metrics");
        List<String> args = new ArrayList<>();
        for (String t : List.of(MetricsRecorder.EPOCHS, MetricsRecorder.VALIDATION, MetricsRecorder.EXPLAIN)) {
            if (Files.exists(m.resolve(t))) {
                args.add(m.resolve(t).toString());
            }
        }
        return PythonJson.run("listen_read_parquet.py", args);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<String> listing(String folder) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(folder))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Asserts a row cell by cell: numbers to 0 (they went through Parquet as doubles), null as null. */
    private static void assertRow(List<Object> expected, JsonNode row) {
        assertEquals(expected.size(), row.size(), "row " + row);
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            JsonNode a = row.get(i);
            if (e == null) {
                assertTrue(a.isNull(), "cell " + i + " of " + row + " should be null");
            } else if (e instanceof Double d && d.isNaN()) {
                assertTrue(Double.isNaN(a.asDouble()), "cell " + i + " of " + row + " should be NaN");
            } else if (e instanceof Number n) {
                assertEquals(n.doubleValue(), a.asDouble(), 0.0, "cell " + i + " of " + row);
            } else if (e instanceof Boolean b) {
                assertEquals(b, a.asBoolean(), "cell " + i + " of " + row);
            } else {
                assertEquals(e.toString(), a.asText(), "cell " + i + " of " + row);
            }
        }
    }

    @Test
    void tablesHoldEveryEventAndPlotsAreDrawn() throws Exception {
        MetricsRecorder rec = new MetricsRecorder();
        rec.onStart(start(1, List.of("loss_istn", "loss_d"), "hash-1"));
        rec.onEpoch(epoch(1, 0.5));
        assertEquals(List.of(MetricsRecorder.EPOCHS), listing("r1/metrics"), "epochs.parquet after the first epoch");
        rec.onEpoch(epoch(2, 0.5));
        rec.onValidation(new Validation(2, map("loss_val", 0.5, "acc_S2T", 0.8), "loss_val", true, List.of(),
                List.of(new SubjectExplanation("s1", "A2B", map("tx", 0.1, "rot_z", 0.02)),
                        new SubjectExplanation("s2", "A2B", map("tx", -0.1, "disp_max", 0.05)))));
        rec.onEpoch(epoch(3, 0.5));
        rec.onValidation(new Validation(3, map("loss_val", 0.6, "acc_S2T", 0.85, "acc_T", Double.NaN), "loss_val",
                false, List.of(), List.of()));

        JsonNode t = readTables();
        JsonNode ep = t.get(MetricsRecorder.EPOCHS);
        assertEquals(List.of("run_id", "epoch", "loss_istn", "loss_d", "samples", "seconds", "samples_per_second",
                "averaging_seconds", "config_hash"), strings(ep.get("columns")));
        assertEquals(List.of("string", "int32", "double", "double", "int64", "double", "double", "double", "string"),
                strings(ep.get("types")));
        assertEquals(3, ep.get("rows").size());
        for (int e = 1; e <= 3; e++) {
            EpochSummary s = epoch(e, 0.5);
            assertRow(List.of("r1", e, s.losses().get("loss_istn"), s.losses().get("loss_d"), s.samples(),
                    s.seconds(), s.samplesPerSecond(), s.averagingSeconds(), "hash-1"), ep.get("rows").get(e - 1));
        }

        JsonNode val = t.get(MetricsRecorder.VALIDATION);
        assertEquals(List.of("run_id", "epoch", "acc_S2T", "acc_T", "loss_val", "selection_metric", "improved",
                "config_hash"), strings(val.get("columns")));
        List<Object> row2 = new ArrayList<>(List.of("r1", 2, 0.8));
        row2.add(null);
        row2.addAll(List.of(0.5, "loss_val", true, "hash-1"));
        assertRow(row2, val.get("rows").get(0));
        assertRow(List.of("r1", 3, 0.85, Double.NaN, 0.6, "loss_val", false, "hash-1"), val.get("rows").get(1));

        JsonNode ex = t.get(MetricsRecorder.EXPLAIN);
        assertEquals(List.of("run_id", "epoch", "subject_id", "direction", "disp_max", "rot_z", "tx", "config_hash"),
                strings(ex.get("columns")));
        List<Object> s1 = new ArrayList<>(List.of("r1", 2, "s1", "A2B"));
        s1.add(null);
        s1.addAll(List.of(0.02, 0.1, "hash-1"));
        assertRow(s1, ex.get("rows").get(0));
        List<Object> s2 = new ArrayList<>(List.of("r1", 2, "s2", "A2B", 0.05));
        s2.add(null);
        s2.addAll(List.of(-0.1, "hash-1"));
        assertRow(s2, ex.get("rows").get(1));

        // nothing but the three tables and the two plots: no temporary or set-aside folders
        assertEquals(List.of(MetricsRecorder.EPOCHS, MetricsRecorder.EXPLAIN, MetricsRecorder.VALIDATION),
                listing("r1/metrics"));
        assertEquals(List.of(MetricsRecorder.LOSSES_PNG, MetricsRecorder.VALIDATION_PNG), listing("r1/plots"));
        BufferedImage losses = ImageIO.read(dir.resolve("r1/plots/losses.png").toFile());
        assertEquals(MetricPlots.WIDTH, losses.getWidth());
        assertEquals(MetricPlots.HEIGHT, losses.getHeight());
        assertTrue(pixelsOf(losses, org.istn.io.png.LinePlot.color(0).getRGB()) > 10, "loss_istn drawn");
        assertTrue(pixelsOf(losses, org.istn.io.png.LinePlot.color(1).getRGB()) > 10, "loss_d drawn");
        BufferedImage validation = ImageIO.read(dir.resolve("r1/plots/validation.png").toFile());
        assertEquals(MetricPlots.WIDTH, validation.getWidth());
    }

    @Test
    void resumedRunKeepsEarlierRowsAndReplacesTheRedoneOnes() throws Exception {
        MetricsRecorder first = new MetricsRecorder();
        first.onStart(start(1, List.of("loss_istn", "loss_d"), "hash-1"));
        for (int e = 1; e <= 4; e++) {
            first.onEpoch(epoch(e, 0.5));
            if (e % 2 == 0) {
                first.onValidation(new Validation(e, map("loss_val", 1.0 / e), "loss_val", true, List.of(),
                        List.of(new SubjectExplanation("s1", "A2B", map("tx", 0.01 * e)))));
            }
        }

        // resume from the checkpoint of epoch 2, with one more loss
        MetricsRecorder resumed = new MetricsRecorder();
        resumed.onStart(start(3, List.of("loss_istn", "loss_d", "loss_task"), "hash-2"));
        JsonNode t = readTables();
        assertEquals(2, t.get(MetricsRecorder.EPOCHS).get("rows").size(), "rows of epochs 3 and 4 dropped at start");
        assertEquals(1, t.get(MetricsRecorder.VALIDATION).get("rows").size());
        assertEquals(1, t.get(MetricsRecorder.EXPLAIN).get("rows").size());

        for (int e = 3; e <= 4; e++) {
            Map<String, Double> losses = new LinkedHashMap<>(epoch(e, 9).losses());
            losses.put("loss_task", 0.1 * e);
            resumed.onEpoch(new EpochSummary(e, losses, 7, 2, 3.5, 0.5));
        }
        resumed.onValidation(new Validation(4, map("loss_val", 0.9), "loss_val", false, List.of(), List.of(
                new SubjectExplanation("s1", "A2B", map("tx", 0.5)))));

        t = readTables();
        JsonNode ep = t.get(MetricsRecorder.EPOCHS);
        assertEquals(List.of("run_id", "epoch", "loss_istn", "loss_d", "loss_task", "samples", "seconds",
                "samples_per_second", "averaging_seconds", "config_hash"), strings(ep.get("columns")));
        assertEquals(4, ep.get("rows").size());
        for (int e = 1; e <= 2; e++) {
            EpochSummary s = epoch(e, 0.5);
            List<Object> row = new ArrayList<>(List.of("r1", e, s.losses().get("loss_istn"), s.losses().get("loss_d")));
            row.add(null);
            row.addAll(List.of(s.samples(), s.seconds(), s.samplesPerSecond(), s.averagingSeconds(), "hash-1"));
            assertRow(row, ep.get("rows").get(e - 1));
        }
        for (int e = 3; e <= 4; e++) {
            assertRow(List.of("r1", e, 9.0 + e, 9.0 / e, 0.1 * e, 7, 2.0, 3.5, 0.5, "hash-2"),
                    ep.get("rows").get(e - 1));
        }
        JsonNode val = t.get(MetricsRecorder.VALIDATION).get("rows");
        assertEquals(2, val.size());
        assertRow(List.of("r1", 2, 0.5, "loss_val", true, "hash-1"), val.get(0));
        assertRow(List.of("r1", 4, 0.9, "loss_val", false, "hash-2"), val.get(1));
        JsonNode ex = t.get(MetricsRecorder.EXPLAIN).get("rows");
        assertEquals(2, ex.size());
        assertRow(List.of("r1", 2, "s1", "A2B", 0.02, "hash-1"), ex.get(0));
        assertRow(List.of("r1", 4, "s1", "A2B", 0.5, "hash-2"), ex.get(1));
        assertEquals(List.of(MetricsRecorder.EPOCHS, MetricsRecorder.EXPLAIN, MetricsRecorder.VALIDATION),
                listing("r1/metrics"));
    }

    @Test
    void aTableSetAsideByACrashIsRestoredAndLeftoversRemoved() throws Exception {
        MetricsRecorder before = new MetricsRecorder();
        before.onStart(start(1, List.of("loss_istn", "loss_d"), "hash-1"));
        before.onEpoch(epoch(1, 0.5));
        before.onEpoch(epoch(2, 0.5));
        // as if the job died between "rename old aside" and "rename new into place"
        Path metrics = dir.resolve("r1/metrics");
        Files.move(metrics.resolve("epochs.parquet"), metrics.resolve(".epochs.parquet.old-1234"));
        Files.createDirectories(metrics.resolve(".epochs.parquet.tmp-5678"));
        Files.writeString(metrics.resolve(".epochs.parquet.tmp-5678/part-0.parquet"), "half written");

        MetricsRecorder resumed = new MetricsRecorder();
        resumed.onStart(start(3, List.of("loss_istn", "loss_d"), "hash-1"));
        assertEquals(List.of(MetricsRecorder.EPOCHS), listing("r1/metrics"));
        JsonNode rows = readTables().get(MetricsRecorder.EPOCHS).get("rows");
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(1).get(1).asInt());
    }

    private static int pixelsOf(BufferedImage img, int argb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (argb & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
