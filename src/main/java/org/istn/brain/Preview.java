package org.istn.brain;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.istn.io.png.FloatImage;
import org.istn.io.png.GrayWindow;
import org.istn.io.png.ImageGrid;
import org.istn.io.png.PngImages;

/**
 * The cohort's preview picture: for each site three rows (axial, coronal and sagittal
 * mid-slices) and one column per shown train subject, grey levels over the fixed window [0, 1]
 * so that the sites' intensity differences show as they are. Axial slices have y (anterior in
 * RAS templates) up, coronal and sagittal slices z (superior) up.
 */
final class Preview {

    private static final String[] VIEWS = {"axial", "coronal", "sagittal"};

    private Preview() {}

    static void write(Path file, int n, Map<Site, List<float[]>> images) throws IOException {
        int cols = 1;
        for (List<float[]> l : images.values()) {
            cols = Math.max(cols, l.size());
        }
        int scale = PngImages.scaleFor(n, n, 128);
        int tile = n * scale;
        ImageGrid grid = new ImageGrid(images.size() * VIEWS.length, cols, tile, tile).title(
                "make-brain-cohort: mid-slices of the first train subjects, window [0, 1]");
        String[] labels = new String[cols];
        for (int c = 0; c < cols; c++) {
            labels[c] = "subject " + c;
        }
        grid.columnLabels(labels);
        GrayWindow window = new GrayWindow(0, 1);
        int row = 0;
        for (Map.Entry<Site, List<float[]>> e : images.entrySet()) {
            for (int v = 0; v < VIEWS.length; v++, row++) {
                grid.rowLabel(row, "site " + e.getKey().folder() + "\n" + VIEWS[v]);
                List<float[]> l = e.getValue();
                for (int c = 0; c < l.size(); c++) {
                    BufferedImage picture = PngImages.gray(slice(l.get(c), n, v), window, scale);
                    grid.set(row, c, picture);
                }
            }
        }
        PngImages.write(grid.render(), file.toUri().toString(), new Configuration());
    }

    /** The mid-slice of an n³ volume (x fastest) for a view, flipped so that y or z points up. */
    static FloatImage slice(float[] vol, int n, int view) {
        float[] p = new float[n * n];
        int m = n / 2;
        for (int r = 0; r < n; r++) {
            int up = n - 1 - r;
            for (int c = 0; c < n; c++) {
                int idx = switch (view) {
                    case 0 -> c + n * (up + n * m); // axial: x across, y up
                    case 1 -> c + n * (m + n * up); // coronal: x across, z up
                    default -> m + n * (c + n * up); // sagittal: y across, z up
                };
                p[c + n * r] = vol[idx];
            }
        }
        return new FloatImage(n, n, p);
    }
}
