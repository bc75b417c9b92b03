package org.istn.io.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grey windows, the diverging map and nearest-neighbour enlargement, read back from PNG bytes. */
class PngImagesTest {

    @TempDir
    Path dir;

    private static BufferedImage readBack(BufferedImage picture) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(PngImages.encode(picture)));
    }

    private static int grey(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }

    @Test
    void rampMapsToHandComputedGreyLevelsAndEveryPixelBecomesAScaleBlock() throws IOException {
        // values -1 (below the window), 0, 0.25, 0.5, 0.75, 1, 2 (above) in window [0, 1]:
        // round(255·t) = 0, 0, 63.75→64, 127.5→128, 191.25→191, 255, 255
        float[] ramp = {-1, 0, 0.25f, 0.5f, 0.75f, 1, 2};
        FloatImage image = new FloatImage(7, 1, ramp);
        BufferedImage png = readBack(PngImages.gray(image, new GrayWindow(0, 1), 3));

        assertEquals(21, png.getWidth());
        assertEquals(3, png.getHeight());
        int[] expected = {0, 0, 64, 128, 191, 255, 255};
        for (int x = 0; x < 21; x++) {
            for (int y = 0; y < 3; y++) {
                assertEquals(expected[x / 3], grey(png, x, y), "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void autoWindowSpansTheJointMinimumAndMaximumOfFiniteValues() throws IOException {
        float[] a = {10, 20, Float.NaN};
        float[] b = {30, Float.POSITIVE_INFINITY, 15};
        GrayWindow w = GrayWindow.auto(a, b);
        assertEquals(10, w.low());
        assertEquals(30, w.high());
        // 2x2 image, x fastest: (0,0)=10 (0 grey), (1,0)=20 (127.5 -> 128), (0,1)=30 (255), (1,1)=NaN (0)
        BufferedImage png = readBack(PngImages.gray(new FloatImage(2, 2, new float[] {10, 20, 30, Float.NaN}), w, 1));
        assertEquals(0, grey(png, 0, 0));
        assertEquals(128, grey(png, 1, 0));
        assertEquals(255, grey(png, 0, 1));
        assertEquals(0, grey(png, 1, 1));
        assertEquals(new GrayWindow(0, 1), GrayWindow.auto(new float[] {Float.NaN}));
    }

    @Test
    void constantImageIsBlackAndBadWindowsAreRejected() {
        GrayWindow w = GrayWindow.auto(new float[] {5, 5});
        assertEquals(0, w.level(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GrayWindow(2, 1));
        assertEquals("grey window must be finite with low <= high, found [2.0, 1.0]", e.getMessage());
    }

    @Test
    void divergingMapIsWhiteAtZeroBlueBelowRedAbove() throws IOException {
        DivergingColorMap m = new DivergingColorMap(2);
        float[] values = {0, -2, 2, 1, -1, -5, Float.NaN};
        BufferedImage png = readBack(PngImages.diverging(new FloatImage(7, 1, values), m, 2));
        assertEquals(14, png.getWidth());
        int[] expected = {0xFFFFFF, 0x0000FF, 0xFF0000, 0xFF8080, 0x8080FF, 0x0000FF, 0x808080};
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], png.getRGB(2 * i + 1, 1) & 0xFFFFFF, "value " + values[i]);
        }
        assertEquals(3.0, DivergingColorMap.symmetric(new float[] {1, -3}, new float[] {2}).maxAbs());
        assertEquals(0xFFFFFF, DivergingColorMap.symmetric(new float[] {0, 0}).rgb(0) & 0xFFFFFF);
    }

    @Test
    void centralSliceIsTheMiddleZPlaneInNiftiOrder() {
        int[] shape = {3, 2, 5};
        float[] data = new float[30];
        for (int i = 0; i < 30; i++) {
            data[i] = i;
        }
        FloatImage s = FloatImage.centralSlice(shape, data);
        assertEquals(3, s.width());
        assertEquals(2, s.height());
        // z = 5 / 2 = 2: values 12..17, x fastest
        assertArrayEquals(new float[] {12, 13, 14, 15, 16, 17}, s.pixels());
        assertEquals(16, s.get(1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatImage.centralSlice(new int[] {3, 2}, new float[5]));
        assertEquals("image of shape [3, 2] needs 6 values, found 5", e.getMessage());
    }

    @Test
    void scaleMakesTheLongerSideAtLeastTheMinimum() {
        assertEquals(4, PngImages.scaleFor(28, 28, 112));
        assertEquals(2, PngImages.scaleFor(64, 32, 112));
        assertEquals(1, PngImages.scaleFor(181, 217, 112));
        assertEquals(5, PngImages.scaleFor(23, 10, 112));
    }

    @Test
    void writesAtomicallyToAHadoopPathLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/ramp.png");
        PngImages.write(PngImages.gray(new FloatImage(2, 1, new float[] {0, 1}), new GrayWindow(0, 1), 2),
                target.toUri().toString(), new Configuration());
        BufferedImage png = ImageIO.read(target.toFile());
        assertEquals(4, png.getWidth());
        assertEquals(255, grey(png, 3, 1));
        try (var files = Files.list(target.getParent())) {
            assertEquals(java.util.List.of("ramp.png"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(dir.resolve("sub/.ramp.png.tmp")));
    }
}
