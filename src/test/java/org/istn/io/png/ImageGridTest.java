package org.istn.io.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Grid layout: tile positions, separators, labels. */
class ImageGridTest {

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void unlabelledGridIsTilesAndSeparatorsOnly() throws IOException {
        ImageGrid g = new ImageGrid(2, 3, 10, 8).separator(1);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                g.set(r, c, solid(10, 8, 0x010000 * (10 * r + c + 1)));
            }
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(PngImages.encode(g.render())));
        // 1 + 3·(10 + 1) = 34 wide, 1 + 2·(8 + 1) = 19 high
        assertEquals(34, png.getWidth());
        assertEquals(19, png.getHeight());
        assertEquals(1 + 2 * 11, g.tileX(2));
        assertEquals(1 + 9, g.tileY(1));
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                int want = 0x010000 * (10 * r + c + 1);
                assertEquals(want, png.getRGB(g.tileX(c), g.tileY(r)) & 0xFFFFFF);
                assertEquals(want, png.getRGB(g.tileX(c) + 9, g.tileY(r) + 7) & 0xFFFFFF);
            }
        }
        int sep = ImageGrid.SEPARATOR.getRGB() & 0xFFFFFF;
        assertEquals(sep, png.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(sep, png.getRGB(g.tileX(1) - 1, 5) & 0xFFFFFF);
        assertEquals(sep, png.getRGB(5, g.tileY(1) - 1) & 0xFFFFFF);
    }

    @Test
    void labelsAddBandsWithDarkTextAboveAndLeftOfTheTiles() {
        ImageGrid g = new ImageGrid(1, 2, 40, 30).title("epoch 5").columnLabels("input", "output")
                .rowLabel(0, "s1\nA2B");
        for (int c = 0; c < 2; c++) {
            g.set(0, c, solid(40, 30, 0xFFFFFF));
        }
        BufferedImage png = g.render();
        assertTrue(Text.usable(), "this machine has fonts (fontconfig, DejaVu)");
        assertTrue(g.tileX(0) > 2 && g.tileY(0) > 2 * Text.lineHeight(), "label bands left and above");
        assertEquals(g.width(), png.getWidth());
        assertEquals(g.height(), png.getHeight());
        // the second column's header area: right of the title, above the tile
        assertTrue(darkPixels(png, g.tileX(1), 0, g.tileX(1) + 40, g.tileY(0) - 2) > 5, "column header drawn");
        assertTrue(darkPixels(png, 0, g.tileY(0), g.tileX(0) - 2, g.tileY(0) + 30) > 5, "row label drawn");
        assertEquals(0, darkPixels(png, g.tileX(0), g.tileY(0), g.tileX(0) + 40, g.tileY(0) + 30), "tile untouched");
    }

    @Test
    void wrongTileSizeAndTooManyLabelsAreRejected() {
        ImageGrid g = new ImageGrid(1, 2, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.set(0, 1, solid(5, 4, 0)));
        assertEquals("tile (0, 1) is 5x4; this grid's tiles are 4x4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.columnLabels("a", "b", "c"));
        assertEquals("image grid has 2 columns, found 3 column labels [a, b, c]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.separator(3));
    }

    private static int darkPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 100 && ((rgb >> 8) & 0xFF) < 100 && (rgb & 0xFF) < 100) {
                    n++;
                }
            }
        }
        return n;
    }
}
