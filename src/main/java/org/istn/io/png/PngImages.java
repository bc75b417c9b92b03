package org.istn.io.png;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.istn.io.fs.AtomicFiles;

/**
 * Float images to pictures and pictures to PNG files: grey levels through a {@link GrayWindow},
 * signed values through a {@link DivergingColorMap}, each enlarged by an integer factor with
 * nearest-neighbour copies (every source pixel becomes a {@code scale × scale} block).
 */
public final class PngImages {

    static {
        Headless.ensure();
    }

    private PngImages() {}

    /**
     * An 8-bit grey picture ({@link BufferedImage#TYPE_BYTE_GRAY}).
     *
     * @param image the values
     * @param window how values map to grey levels
     * @param scale the enlargement, at least 1
     */
    public static BufferedImage gray(FloatImage image, GrayWindow window, int scale) {
        checkScale(scale);
        BufferedImage out = new BufferedImage(image.width() * scale, image.height() * scale,
                BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = out.getRaster();
        int[] block = new int[scale * scale];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                java.util.Arrays.fill(block, window.level(image.get(x, y)));
                r.setPixels(x * scale, y * scale, scale, scale, block);
            }
        }
        return out;
    }

    /**
     * An RGB picture of signed values ({@link BufferedImage#TYPE_INT_RGB}).
     *
     * @param image the values
     * @param map how values map to colours
     * @param scale the enlargement, at least 1
     */
    public static BufferedImage diverging(FloatImage image, DivergingColorMap map, int scale) {
        checkScale(scale);
        BufferedImage out = new BufferedImage(image.width() * scale, image.height() * scale,
                BufferedImage.TYPE_INT_RGB);
        int[] block = new int[scale * scale];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                java.util.Arrays.fill(block, map.rgb(image.get(x, y)));
                out.setRGB(x * scale, y * scale, scale, scale, block, 0, scale);
            }
        }
        return out;
    }

    /**
     * The smallest integer enlargement that makes the longer side at least {@code minPixels}
     * (1 when it already is): a 28×28 image with {@code minPixels} 112 gets 4.
     */
    public static int scaleFor(int width, int height, int minPixels) {
        int longer = Math.max(width, height);
        return Math.max(1, (minPixels + longer - 1) / longer);
    }

    /** @return the picture encoded as PNG */
    public static byte[] encode(RenderedImage picture) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTo(picture, bytes);
        return bytes.toByteArray();
    }

    /**
     * Writes the picture as a PNG file on any Hadoop filesystem, atomically (a temporary name in
     * the same folder, renamed when complete); the folder is created if missing.
     *
     * @param picture the picture
     * @param uri the file, a local path or a Hadoop URI ({@code hdfs://…}, {@code s3a://…})
     * @param conf the Hadoop configuration for the filesystem
     */
    public static void write(RenderedImage picture, String uri, Configuration conf) throws IOException {
        byte[] png = encode(picture);
        AtomicFiles.write(uri, conf, out -> out.write(png));
    }

    private static void writeTo(RenderedImage picture, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("this JVM has no PNG encoder (javax.imageio)");
        }
        ImageWriter writer = writers.next();
        // an in-memory cache: ImageIO's default file cache would need a writable java.io.tmpdir
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(picture);
        } finally {
            writer.dispose();
        }
    }

    private static void checkScale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("enlargement must be at least 1, found " + scale);
        }
    }
}
