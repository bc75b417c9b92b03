package org.istn.morpho;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST's IDX files: big-endian, a magic number {@code 0x00000803} (unsigned bytes, three
 * dimensions: count, rows, columns) for images or {@code 0x00000801} (one dimension: count) for
 * labels, then the values. Gzipped files ({@code .gz}) are recognised by their magic bytes.
 * Every malformed input (bad magic, bad dimension, truncated or over-long file, a label that is
 * not a digit) is a {@link MorphoMnistException} naming the file.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes in three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes in one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /**
     * Images of one IDX file.
     *
     * @param source the file name, for messages
     * @param count number of images
     * @param rows rows per image
     * @param cols columns per image
     * @param pixels all pixels, image after image, each row-major (0–255 as unsigned bytes)
     */
    public record Images(String source, int count, int rows, int cols, byte[] pixels) {

        /** Pixel (row, col) of image {@code i}, 0–255. */
        public int pixel(int i, int row, int col) {
            return pixels[i * rows * cols + row * cols + col] & 0xFF;
        }

        /** Image {@code i} scaled to [0, 1] (value/255), row-major. */
        public float[] image(int i) {
            int n = rows * cols;
            float[] f = new float[n];
            for (int k = 0; k < n; k++) {
                f[k] = (pixels[i * n + k] & 0xFF) / 255f;
            }
            return f;
        }
    }

    /**
     * Labels of one IDX file.
     *
     * @param source the file name, for messages
     * @param labels one digit 0–9 per image
     */
    public record Labels(String source, byte[] labels) {

        /** Number of labels. */
        public int count() {
            return labels.length;
        }

        /** Label {@code i}. */
        public int label(int i) {
            return labels[i];
        }
    }

    /** Reads an image file ({@code .gz} or not). */
    public static Images images(Path file) throws IOException {
        return images(file.toString(), content(file));
    }

    /** Reads a label file ({@code .gz} or not). */
    public static Labels labels(Path file) throws IOException {
        return labels(file.toString(), content(file));
    }

    /** Parses the bytes of an uncompressed IDX image file. */
    public static Images images(String source, byte[] bytes) throws MorphoMnistException {
        header(source, bytes, IMAGES_MAGIC, 16, "image", "unsigned bytes, 3 dimensions");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int count = dimension(source, b.getInt(4), "image count");
        int rows = dimension(source, b.getInt(8), "row count");
        int cols = dimension(source, b.getInt(12), "column count");
        long expected = 16L + (long) count * rows * cols;
        checkLength(source, bytes.length, expected, count + " images of " + rows + "×" + cols);
        byte[] pixels = new byte[(int) (expected - 16)];
        System.arraycopy(bytes, 16, pixels, 0, pixels.length);
        return new Images(source, count, rows, cols, pixels);
    }

    /** Parses the bytes of an uncompressed IDX label file; every label must be 0–9. */
    public static Labels labels(String source, byte[] bytes) throws MorphoMnistException {
        header(source, bytes, LABELS_MAGIC, 8, "label", "unsigned bytes, 1 dimension");
        int count = dimension(source, ByteBuffer.wrap(bytes).getInt(4), "label count");
        checkLength(source, bytes.length, 8L + count, count + " labels");
        byte[] labels = new byte[count];
        System.arraycopy(bytes, 8, labels, 0, count);
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new MorphoMnistException(source + ": label " + (labels[i] & 0xFF) + " at index " + i
                        + " is not a digit 0-9");
            }
        }
        return new Labels(source, labels);
    }

    /**
     * The content of a file, gunzipped when it starts with the gzip magic bytes.
     *
     * @throws MorphoMnistException naming the file when it cannot be read or unzipped
     */
    public static byte[] content(Path file) throws MorphoMnistException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MorphoMnistException("cannot read " + file + ": " + e, e);
        }
        if (raw.length < 2 || (raw[0] & 0xFF) != 0x1f || (raw[1] & 0xFF) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MorphoMnistException(file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static void header(String source, byte[] bytes, int magic, int headerBytes, String kind,
            String meaning) throws MorphoMnistException {
        if (bytes.length < 4) {
            throw new MorphoMnistException(source + ": truncated IDX file: " + bytes.length
                    + " bytes, the header of an IDX " + kind + " file needs " + headerBytes);
        }
        int found = ByteBuffer.wrap(bytes).getInt(0);
        if (found != magic) {
            throw new MorphoMnistException(String.format("%s: not an IDX %s file: magic number 0x%08X, expected 0x%08X (%s)",
                    source, kind, found, magic, meaning));
        }
        if (bytes.length < headerBytes) {
            throw new MorphoMnistException(source + ": truncated IDX file: " + bytes.length
                    + " bytes, the header of an IDX " + kind + " file needs " + headerBytes);
        }
    }

    private static int dimension(String source, int value, String what) throws MorphoMnistException {
        if (value <= 0) {
            throw new MorphoMnistException(source + ": bad IDX header: " + what + " is "
                    + Integer.toUnsignedString(value) + ", expected a positive number below 2^31");
        }
        return value;
    }

    private static void checkLength(String source, long found, long expected, String what)
            throws MorphoMnistException {
        if (expected > Integer.MAX_VALUE - 8) {
            throw new MorphoMnistException(source + ": bad IDX header: " + what + " need " + expected
                    + " bytes, more than this reader supports");
        }
        if (found < expected) {
            throw new MorphoMnistException(source + ": truncated IDX file: the header says " + what + " ("
                    + expected + " bytes in all), the file has " + found + " bytes");
        }
        if (found > expected) {
            throw new MorphoMnistException(source + ": IDX file too long: the header says " + what + " ("
                    + expected + " bytes in all), the file has " + found + " bytes");
        }
    }
}
