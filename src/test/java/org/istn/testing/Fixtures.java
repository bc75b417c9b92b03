package org.istn.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.istn.io.nifti.NiftiVolume;
import org.istn.io.nifti.NiftiWriter;

/** Test data made by code: volumes, NIfTI bytes (good and deliberately broken), manifests. */
public final class Fixtures {

    private Fixtures() {}

    /** A volume of the given shape whose voxel i holds {@code base + i % 97} (all finite). */
    /** A volume holding {@code data} (x fastest), unit voxels, identity affine. */
    public static NiftiVolume of(int[] shape, float[] data) {
        return NiftiVolume.create(shape, data, ones(shape.length), identity());
    }

    public static NiftiVolume volume(int[] shape, float base) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = base + i % 97;
        }
        return NiftiVolume.create(shape, d, ones(shape.length), identity());
    }

    /** Smooth random content (gzip compresses it like real images, not like noise). */
    public static NiftiVolume smooth(int[] shape, long seed) {
        Random r = new Random(seed);
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] d = new float[n];
        double a = r.nextDouble();
        double b = r.nextDouble();
        for (int i = 0; i < n; i++) {
            d[i] = (float) (100 * Math.sin(a * i / 50.0) * Math.cos(b * i / 1000.0) + r.nextGaussian());
        }
        return NiftiVolume.create(shape, d, ones(shape.length), identity());
    }

    public static byte[] bytes(NiftiVolume v, boolean gzip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NiftiWriter.write(v, out, gzip);
        return out.toByteArray();
    }

    /** Writes {@code data} to {@code uri} on its Hadoop filesystem. */
    public static void put(String uri, byte[] data, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        try (OutputStream out = fs.create(p, true)) {
            out.write(data);
        }
    }

    public static void put(String uri, String text, Configuration conf) throws IOException {
        put(uri, text.getBytes(StandardCharsets.UTF_8), conf);
    }

    /** The first {@code keep} bytes. */
    public static byte[] truncate(byte[] b, int keep) {
        return java.util.Arrays.copyOf(b, keep);
    }

    /** Flips every byte in [from, to): a corrupt deflate body for a gzip file. */
    public static byte[] corrupt(byte[] b, int from, int to) {
        byte[] c = b.clone();
        for (int i = from; i < to; i++) {
            c[i] = (byte) ~c[i];
        }
        return c;
    }

    /** An uncompressed NIfTI-1 with another 4-byte magic at offset 344. */
    public static byte[] withMagic(byte[] nii, String magic) {
        byte[] c = nii.clone();
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(m, 0, c, 344, 4);
        return c;
    }

    /** An uncompressed NIfTI-1 with a 16-bit header field overwritten (offsets: datatype 70, dim[0] 40). */
    public static byte[] withShort(byte[] nii, int offset, int value) {
        byte[] c = nii.clone();
        ByteBuffer.wrap(c).order(order(c)).putShort(offset, (short) value);
        return c;
    }

    private static ByteOrder order(byte[] nii) {
        return ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 348
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1.0);
        return d;
    }

    private static double[][] identity() {
        return new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    }
}
