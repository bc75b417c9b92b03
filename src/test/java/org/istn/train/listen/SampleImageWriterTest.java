package org.istn.train.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.istn.io.png.ImageGrid;
import org.istn.train.event.RunStart;
import org.istn.train.event.SampleImages;
import org.istn.train.event.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation sample images: the PNG grid's layout and colours against hand-computed values, the
 * NIfTI volumes read back with nibabel.
 */
class SampleImageWriterTest {

    @TempDir
    Path dir;

    private static final int N = 28;

    /**
     * s1: input(x, y) = x, after ITN = x + 1, after STN = 28 − x. One grey window [0, 28]; ITN
     * difference 1 everywhere; STN difference 27 − 2x, so the diverging map's maxAbs is 27.
     */
    private static SampleImages ramp() {
        float[] in = new float[N * N];
        float[] itn = new float[N * N];
        float[] stn = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                in[x + N * y] = x;
                itn[x + N * y] = x + 1;
                stn[x + N * y] = 28 - x;
            }
        }
        return new SampleImages("s1", "A2B", new int[] {N, N}, in, itn, stn);
    }

    /** s 2/x: ITN leaves the image as it is; the STN shifts y. */
    private static SampleImages unchangedByItn() {
        float[] in = new float[N * N];
        float[] stn = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                in[x + N * y] = y;
                stn[x + N * y] = Math.max(0, y - 2);
            }
        }
        return new SampleImages("s 2/x", "B2A", new int[] {N, N}, in, in.clone(), stn);
    }

    private RunStart start() {
        return new RunStart("r1", "da-bidirectional", dir.resolve("r1").toString(), null, 1, 10, 4, 2, 1,
                List.of("loss_istn"), Map.of(), "h");
    }

    private static Validation validation(int epoch, List<SampleImages> samples) {
        return new Validation(epoch, Map.of("loss_val", 0.5), "loss_val", true, samples, List.of());
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    private static int grey(int level) {
        return level << 16 | level << 8 | level;
    }

    @Test
    void pngGridHasOneRowPerSubjectAndTheFiveStagesInHandComputedColours() throws IOException {
        SampleImageWriter w = new SampleImageWriter(true, false);
        w.onStart(start());
        Validation v = validation(5, List.of(ramp(), unchangedByItn()));
        w.onValidation(v);

        Path png = dir.resolve("r1/samples/epoch-0005.png");
        assertTrue(Files.isRegularFile(png));
        assertFalse(Files.exists(dir.resolve("r1/samples/epoch-0005")), "no NIfTI folder without --nii");
        BufferedImage img = ImageIO.read(png.toFile());
        ImageGrid g = SampleImageWriter.grid(v);
        assertEquals(g.width(), img.getWidth());
        assertEquals(g.height(), img.getHeight());
        // 28 px enlarged 4× = 112 px tiles, 2 px separators: 5 tiles and 6 separators across
        assertEquals(5 * 112 + 6 * 2, img.getWidth() - g.tileX(0) + 2);
        assertEquals(g.tileY(0) + 2 * 112 + 2 * 2, img.getHeight());

        int scale = 4;
        for (int x : new int[] {0, 13, 14, 27}) {
            for (int corner : new int[] {0, scale - 1}) {
                int px = x * scale + corner;
                int py = 7 * scale + corner;
                // window [0, 28]: level = round(255 · v / 28)
                assertEquals(grey((int) Math.round(255.0 * x / 28)), rgb(img, g.tileX(0) + px, g.tileY(0) + py),
                        "input x=" + x);
                assertEquals(grey((int) Math.round(255.0 * (x + 1) / 28)),
                        rgb(img, g.tileX(1) + px, g.tileY(0) + py), "after ITN x=" + x);
                assertEquals(grey((int) Math.round(255.0 * (28 - x) / 28)),
                        rgb(img, g.tileX(3) + px, g.tileY(0) + py), "after STN x=" + x);
                // ITN difference +1 of maxAbs 27: (255, round(255·26/27) = 246, 246)
                assertEquals(0xFFF6F6, rgb(img, g.tileX(2) + px, g.tileY(0) + py), "ITN diff x=" + x);
            }
        }
        // STN difference 27 − 2x: red at x = 0, blue at x = 27, +1 at x = 13 and −1 at x = 14
        assertEquals(0xFF0000, rgb(img, g.tileX(4), g.tileY(0)));
        assertEquals(0x0000FF, rgb(img, g.tileX(4) + 27 * scale, g.tileY(0)));
        assertEquals(0xFFF6F6, rgb(img, g.tileX(4) + 13 * scale, g.tileY(0)));
        assertEquals(0xF6F6FF, rgb(img, g.tileX(4) + 14 * scale, g.tileY(0)));
        // second subject: the ITN changed nothing, so its difference is white everywhere
        for (int y = 0; y < 112; y += 5) {
            for (int x = 0; x < 112; x += 5) {
                assertEquals(0xFFFFFF, rgb(img, g.tileX(2) + x, g.tileY(1) + y));
            }
        }
        // its rows vary along y: window [0, 27], row y = 27 is white in the input
        assertEquals(grey(255), rgb(img, g.tileX(0), g.tileY(1) + 27 * scale + 3));
        assertEquals(grey(0), rgb(img, g.tileX(0) + 50, g.tileY(1)));
    }

    @Test
    void threeDimensionalSamplesShowTheCentralAxialSlice() throws IOException {
        int[] shape = {6, 5, 4};
        float[] in = new float[6 * 5 * 4];
        for (int i = 0; i < in.length; i++) {
            in[i] = i / 30; // z index: 0, 1, 2, 3
        }
        // z = 4 / 2 = 2 is shown; the window spans all three stages: [0, 3]
        SampleImages s = new SampleImages("v1", "A2B", shape, in, in.clone(), in.clone());
        SampleImageWriter w = new SampleImageWriter(true, false);
        w.onStart(start());
        Validation v = validation(12, List.of(s));
        w.onValidation(v);
        BufferedImage img = ImageIO.read(dir.resolve("r1/samples/epoch-0012.png").toFile());
        ImageGrid g = SampleImageWriter.grid(v);
        // longer side 6 → enlargement ceil(112 / 6) = 19: tiles of 114 × 95
        assertEquals(g.tileX(0) + 5 * 114 + 4 * 2, img.getWidth() - 2);
        assertEquals(g.tileY(0) + 95 + 2, img.getHeight());
        assertEquals(grey(170), rgb(img, g.tileX(0) + 60, g.tileY(0) + 60)); // round(255 · 2 / 3) = 170
        assertEquals(0xFFFFFF, rgb(img, g.tileX(4) + 60, g.tileY(0) + 60));
    }

    @Test
    void niftiVolumesReadBackWithNibabelEqualTheStages() throws Exception {
        SampleImageWriter w = new SampleImageWriter(false, true);
        w.onStart(start());
        SampleImages a = ramp();
        int[] shape3 = {4, 3, 2};
        float[] in3 = new float[24];
        float[] itn3 = new float[24];
        float[] stn3 = new float[24];
        for (int i = 0; i < 24; i++) {
            in3[i] = i * 0.5f - 3;
            itn3[i] = (float) Math.sin(i);
            stn3[i] = 1e-3f * i * i;
        }
        SampleImages b = new SampleImages("s 2/x", "B2A", shape3, in3, itn3, stn3);
        w.onValidation(validation(7, List.of(a, b)));
        w.onValidation(validation(8, List.of()));

        Path folder = dir.resolve("r1/samples/epoch-0007");
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new ArrayList<>();
        for (String prefix : List.of("s1_A2B_", "s_2_x_B2A_")) {
            for (String stage : SampleImageWriter.STAGES) {
                expected.add(prefix + stage + ".nii.gz");
            }
        }
        assertEquals(expected.stream().sorted().toList(), names, "one file per subject and stage, no temporaries");
        assertFalse(Files.exists(dir.resolve("r1/samples/epoch-0005.png")), "no PNG without --png");
        assertFalse(Files.exists(dir.resolve("r1/samples/epoch-0008")), "nothing for a validation without samples");

        JsonNode read = PythonJson.run("listen_read_nifti.py",
                names.stream().map(n -> folder.resolve(n).toString()).toList());
        for (SampleImages s : List.of(a, b)) {
            float[][] stages = SampleImageWriter.stages(s);
            String prefix = SampleImageWriter.safe(s.id()) + "_" + s.direction() + "_";
            for (int k = 0; k < stages.length; k++) {
                JsonNode f = read.get(prefix + SampleImageWriter.STAGES.get(k) + ".nii.gz");
                assertEquals("float32", f.get("dtype").asText());
                assertEquals(s.shape().length, f.get("shape").size());
                for (int d = 0; d < s.shape().length; d++) {
                    assertEquals(s.shape()[d], f.get("shape").get(d).asInt());
                }
                JsonNode data = f.get("data");
                assertEquals(stages[k].length, data.size());
                for (int i = 0; i < stages[k].length; i++) {
                    assertEquals(stages[k][i], (float) data.get(i).asDouble(), 0f, prefix + k + " voxel " + i);
                }
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(r == c ? 1.0 : 0.0, f.get("affine").get(r).get(c).asDouble(), 0.0);
                    }
                }
            }
        }
        // differences as defined: after ITN − input, after STN − after ITN
        assertEquals(1f, SampleImageWriter.stages(a)[2][5]);
        assertEquals(stn3[3] - itn3[3], SampleImageWriter.stages(b)[4][3]);
    }
}
