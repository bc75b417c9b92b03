package org.istn.io.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Line plots: size, where series are drawn, gaps at NaN, the log axis, tick helpers. */
class LinePlotTest {

    private static final double NAN = Double.NaN;

    private static BufferedImage readBack(BufferedImage picture) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(PngImages.encode(picture)));
    }

    /** Euclidean RGB distance from a colour of the pixel nearest to c within ±r rows of (x, y). */
    private static double nearest(BufferedImage img, double x, double y, int r, Color c) {
        double best = Double.MAX_VALUE;
        int px = (int) Math.floor(x);
        for (int py = (int) Math.floor(y) - r; py <= (int) Math.floor(y) + r; py++) {
            int rgb = img.getRGB(px, py);
            double dr = ((rgb >> 16) & 0xFF) - c.getRed();
            double dg = ((rgb >> 8) & 0xFF) - c.getGreen();
            double db = (rgb & 0xFF) - c.getBlue();
            best = Math.min(best, Math.sqrt(dr * dr + dg * dg + db * db));
        }
        return best;
    }

    @Test
    void seriesAreDrawnWhereTheyRunAndBreakAtNaN() throws IOException {
        double[] x = {1, 2, 3, 4, 5};
        LinePlot plot = new LinePlot("losses", "epoch", "loss")
                .add("rising", x, new double[] {1, 2, 3, 4, 5})
                .add("flat with gap", x, new double[] {2.5, 2.5, NAN, 2.5, 2.5});
        BufferedImage png = readBack(plot.render(640, 400));
        assertEquals(640, png.getWidth());
        assertEquals(400, png.getHeight());

        LinePlot.Frame f = plot.frame(640, 400);
        // x range: 1..5 padded by 2 % of 4; y range: 1..5 padded by 5 % of 4
        assertEquals(0.92, f.xMin(), 1e-12);
        assertEquals(5.08, f.xMax(), 1e-12);
        assertEquals(0.8, f.yMin(), 1e-12);
        assertEquals(5.2, f.yMax(), 1e-12);
        Color rising = LinePlot.color(0);
        Color flat = LinePlot.color(1);
        // every point's dot centre has exactly the series colour
        for (int i = 0; i < 5; i++) {
            assertEquals(0.0, nearest(png, f.px(x[i]), f.py(x[i]), 0, rising), "rising point " + i);
        }
        // the lines between points
        assertTrue(nearest(png, f.px(2.5), f.py(2.5), 1, rising) < 60, "rising line between 2 and 3");
        assertTrue(nearest(png, f.px(1.5), f.py(2.5), 1, flat) < 60, "flat line between 1 and 2");
        assertTrue(nearest(png, f.px(4.5), f.py(2.5), 1, flat) < 60, "flat line between 4 and 5");
        // no line across the NaN at x = 3
        assertTrue(nearest(png, f.px(2.6), f.py(2.5), 3, flat) > 150, "gap after x = 2");
        assertTrue(nearest(png, f.px(3.4), f.py(2.5), 3, flat) > 150, "gap before x = 4");
        // outside the plot, on the left margin, nothing of the series
        assertTrue(nearest(png, f.left() - 20, f.py(3), 3, rising) > 150);
    }

    @Test
    void logAxisSpacesDecadesEvenly() throws IOException {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 10, 100, 1000};
        LinePlot plot = new LinePlot(null, null, null).logY(true).add("decades", x, y);
        BufferedImage png = readBack(plot.render(400, 300));
        LinePlot.Frame f = plot.frame(400, 300);
        assertTrue(f.logY());
        assertEquals(f.py(1) - f.py(10), f.py(100) - f.py(1000), 1e-9);
        assertEquals(-0.15, f.yMin(), 1e-12);
        assertEquals(3.15, f.yMax(), 1e-12);
        for (int i = 0; i < 4; i++) {
            assertEquals(0.0, nearest(png, f.px(x[i]), f.py(y[i]), 0, LinePlot.color(0)), "point " + i);
        }
    }

    @Test
    void emptyAndAllNaNSeriesStillRender() {
        LinePlot plot = new LinePlot("nothing yet", "epoch", "value").add("none", new double[] {1, 2},
                new double[] {NAN, NAN});
        BufferedImage img = plot.render(300, 200);
        assertEquals(300, img.getWidth());
        LinePlot.Frame single = new LinePlot(null, null, null).add("one", new double[] {3}, new double[] {0.5})
                .frame(300, 200);
        assertEquals(2, single.xMin());
        assertEquals(4, single.xMax());
        assertEquals(0.45, single.yMin(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinePlot(null, null, null).add("bad", new double[] {1, 2}, new double[] {1}));
        assertEquals("series 'bad' has 2 x values and 1 y values; expected as many of each", e.getMessage());
    }

    @Test
    void tickHelpers() {
        assertEquals(0.5, LinePlot.niceStep(0.3), 1e-15);
        assertEquals(2, LinePlot.niceStep(1.1), 1e-15);
        assertEquals(10, LinePlot.niceStep(7), 1e-15);
        assertEquals(1, LinePlot.niceStep(1), 1e-15);
        assertEquals("0.25", LinePlot.linearTickLabel(0.25, 0.05));
        assertEquals("10", LinePlot.linearTickLabel(10, 5));
        assertEquals("1230", LinePlot.compact(1234.5));
        assertEquals("1.2e-05", LinePlot.compact(0.000012));
        assertEquals("0.001", LinePlot.compact(0.001));
        assertEquals("2e+06", LinePlot.compact(2e6));
    }
}
