package org.istn.morpho;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX parsing of hand-made files, and the exact message of every malformed input. */
class MorphoIdxTest {

    @TempDir
    Path tmp;

    /** An IDX image file: magic, count, rows, cols, then the given pixel bytes. */
    static byte[] imageFile(int magic, int count, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    static byte[] labelFile(int magic, byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(labels.length).put(labels);
        return b.array();
    }

    @Test
    void parsesHandMadeImagesAndLabels() throws IOException {
        // two 2×3 images; byte 0xFF must read as 255, not -1
        byte[] px = {0, 1, 2, 3, 4, 5, (byte) 255, (byte) 128, 7, 8, 9, 10};
        IdxReader.Images im = IdxReader.images("a", imageFile(0x803, 2, 2, 3, px));
        assertEquals(2, im.count());
        assertEquals(2, im.rows());
        assertEquals(3, im.cols());
        assertEquals(5, im.pixel(0, 1, 2));
        assertEquals(255, im.pixel(1, 0, 0));
        assertEquals(128, im.pixel(1, 0, 1));
        assertArrayEquals(new float[] {1f, 128 / 255f, 7 / 255f, 8 / 255f, 9 / 255f, 10 / 255f}, im.image(1));
        IdxReader.Labels lb = IdxReader.labels("b", labelFile(0x801, new byte[] {7, 0, 9}));
        assertEquals(3, lb.count());
        assertEquals(9, lb.label(2));
    }

    @Test
    void readsGzippedAndPlainFilesAlike() throws IOException {
        byte[] raw = imageFile(0x803, 1, 2, 2, new byte[] {1, 2, 3, 4});
        Path plain = Files.write(tmp.resolve("x-idx3-ubyte"), raw);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(raw);
        }
        Path gzipped = Files.write(tmp.resolve("x-idx3-ubyte.gz"), bo.toByteArray());
        assertArrayEquals(IdxReader.images(plain).pixels(), IdxReader.images(gzipped).pixels());
        byte[] cut = Arrays.copyOf(bo.toByteArray(), bo.size() - 12);
        Path broken = Files.write(tmp.resolve("cut.gz"), cut);
        MorphoMnistException e = assertThrows(MorphoMnistException.class, () -> IdxReader.images(broken));
        assertTrue(e.getMessage().startsWith(broken + ": corrupt or truncated gzip data ("), e.getMessage());
    }

    @Test
    void badMagicNamesFileAndBothNumbers() {
        byte[] labels = labelFile(0x801, new byte[] {1});
        MorphoMnistException e = assertThrows(MorphoMnistException.class, () -> IdxReader.images("f.idx", labels));
        assertEquals("f.idx: not an IDX image file: magic number 0x00000801, expected 0x00000803"
                + " (unsigned bytes, 3 dimensions)", e.getMessage());
        byte[] images = imageFile(0x803, 1, 1, 1, new byte[] {1});
        e = assertThrows(MorphoMnistException.class, () -> IdxReader.labels("g.idx", images));
        assertEquals("g.idx: not an IDX label file: magic number 0x00000803, expected 0x00000801"
                + " (unsigned bytes, 1 dimension)", e.getMessage());
    }

    @Test
    void truncatedHeaderAndData() {
        MorphoMnistException e = assertThrows(MorphoMnistException.class,
                () -> IdxReader.images("h", new byte[] {0, 0}));
        assertEquals("h: truncated IDX file: 2 bytes, the header of an IDX image file needs 16", e.getMessage());
        byte[] head = Arrays.copyOf(imageFile(0x803, 3, 28, 28, new byte[0]), 10);
        e = assertThrows(MorphoMnistException.class, () -> IdxReader.images("h", head));
        assertEquals("h: truncated IDX file: 10 bytes, the header of an IDX image file needs 16", e.getMessage());
        byte[] shortData = imageFile(0x803, 3, 2, 2, new byte[11]);
        e = assertThrows(MorphoMnistException.class, () -> IdxReader.images("i", shortData));
        assertEquals("i: truncated IDX file: the header says 3 images of 2×2 (28 bytes in all), the file has 27 bytes",
                e.getMessage());
        byte[] longData = imageFile(0x803, 3, 2, 2, new byte[13]);
        e = assertThrows(MorphoMnistException.class, () -> IdxReader.images("i", longData));
        assertEquals("i: IDX file too long: the header says 3 images of 2×2 (28 bytes in all), the file has 29 bytes",
                e.getMessage());
        byte[] shortLabels = Arrays.copyOf(labelFile(0x801, new byte[] {1, 2, 3}), 10);
        e = assertThrows(MorphoMnistException.class, () -> IdxReader.labels("j", shortLabels));
        assertEquals("j: truncated IDX file: the header says 3 labels (11 bytes in all), the file has 10 bytes",
                e.getMessage());
    }

    @Test
    void badDimensionsAndLabels() {
        byte[] zeroRows = imageFile(0x803, 1, 0, 4, new byte[0]);
        MorphoMnistException e = assertThrows(MorphoMnistException.class, () -> IdxReader.images("k", zeroRows));
        assertEquals("k: bad IDX header: row count is 0, expected a positive number below 2^31", e.getMessage());
        byte[] huge = imageFile(0x803, -1, 1, 1, new byte[0]);
        e = assertThrows(MorphoMnistException.class, () -> IdxReader.images("k", huge));
        assertEquals("k: bad IDX header: image count is 4294967295, expected a positive number below 2^31",
                e.getMessage());
        byte[] notDigit = labelFile(0x801, new byte[] {3, 10});
        e = assertThrows(MorphoMnistException.class, () -> IdxReader.labels("l", notDigit));
        assertEquals("l: label 10 at index 1 is not a digit 0-9", e.getMessage());
    }

    @Test
    void countMismatchBetweenImagesAndLabels() throws IOException {
        IdxReader.Images im = IdxReader.images("imgs", imageFile(0x803, 2, 1, 1, new byte[] {1, 2}));
        IdxReader.Labels three = IdxReader.labels("labs", labelFile(0x801, new byte[] {1, 2, 3}));
        IdxReader.Labels two = IdxReader.labels("labs2", labelFile(0x801, new byte[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MnistData(im, three, im, two));
        assertEquals("count mismatch: imgs has 2 images but labs has 3 labels", e.getMessage());
    }
}
