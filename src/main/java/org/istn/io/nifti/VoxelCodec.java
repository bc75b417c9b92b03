package org.istn.io.nifti;

import java.nio.ByteBuffer;

/**
 * Bulk conversion between voxel bytes on disk and float32 values in memory, one chunk at a time
 * (the datatype switch happens once per chunk, never per voxel).
 *
 * <p>Reading reproduces nibabel's {@code get_fdata(dtype=float32)} bit for bit: without scaling
 * 8/16-bit integers and float32 convert directly, 32/64-bit integers and float64 go through
 * float64 first; with scaling the raw value is taken to float64, multiplied by {@code scl_slope}
 * when it is not 1, {@code scl_inter} added when it is not 0, and the result rounded to float32.
 * Unsigned types are read as unsigned.
 */
final class VoxelCodec {

    private static final double TWO_64 = 0x1p64;
    private static final double TWO_63 = 0x1p63;

    private final NiftiDatatype type;
    private final boolean scaled;
    private final boolean multiply;
    private final boolean add;
    private final double slope;
    private final double inter;
    private short[] shorts;
    private int[] ints;
    private long[] longs;
    private double[] doubles;

    /**
     * @param type the datatype on disk
     * @param slope {@code scl_slope}; 0 or non-finite means no scaling
     * @param inter {@code scl_inter}
     */
    VoxelCodec(NiftiDatatype type, double slope, double inter) {
        this.type = type;
        boolean valid = slope != 0 && Double.isFinite(slope);
        this.slope = valid ? slope : 1;
        this.inter = valid ? inter : 0;
        this.multiply = this.slope != 1;
        this.add = this.inter != 0;
        this.scaled = multiply || add;
    }

    private float scale(double x) {
        if (multiply) {
            x *= slope;
        }
        if (add) {
            x += inter;
        }
        return (float) x;
    }

    /**
     * Decodes {@code n} voxels from {@code buf} (at its position, in its byte order) into
     * {@code dst[off..off+n)}.
     */
    void decode(ByteBuffer buf, float[] dst, int off, int n) {
        switch (type) {
            case UINT8, INT8 -> {
                byte[] a = buf.array(); // the reader's buffers are heap buffers
                int p = buf.arrayOffset() + buf.position();
                int mask = type == NiftiDatatype.UINT8 ? 0xff : -1;
                if (scaled) {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = scale(a[p + i] & mask);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = a[p + i] & mask;
                    }
                }
            }
            case INT16, UINT16 -> {
                short[] s = shorts(n);
                buf.asShortBuffer().get(s, 0, n);
                boolean unsigned = type == NiftiDatatype.UINT16;
                for (int i = 0; i < n; i++) {
                    int v = unsigned ? s[i] & 0xffff : s[i];
                    dst[off + i] = scaled ? scale(v) : v;
                }
            }
            case INT32 -> {
                int[] s = ints(n);
                buf.asIntBuffer().get(s, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[off + i] = scaled ? scale(s[i]) : (float) (double) s[i];
                }
            }
            case UINT32 -> {
                int[] s = ints(n);
                buf.asIntBuffer().get(s, 0, n);
                for (int i = 0; i < n; i++) {
                    double v = s[i] & 0xffffffffL;
                    dst[off + i] = scaled ? scale(v) : (float) v;
                }
            }
            case INT64, UINT64 -> {
                long[] s = longs(n);
                buf.asLongBuffer().get(s, 0, n);
                boolean unsigned = type == NiftiDatatype.UINT64;
                for (int i = 0; i < n; i++) {
                    double v = unsigned ? unsignedToDouble(s[i]) : (double) s[i];
                    dst[off + i] = scaled ? scale(v) : (float) v;
                }
            }
            case FLOAT32 -> {
                buf.asFloatBuffer().get(dst, off, n);
                if (scaled) {
                    for (int i = off; i < off + n; i++) {
                        dst[i] = scale(dst[i]);
                    }
                }
            }
            case FLOAT64 -> {
                double[] s = doubles(n);
                buf.asDoubleBuffer().get(s, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[off + i] = scaled ? scale(s[i]) : (float) s[i];
                }
            }
            default -> throw new IllegalStateException("no decoder for " + type);
        }
        buf.position(buf.position() + n * type.bytesPerVoxel());
    }

    /** The unsigned value of {@code v}, correctly rounded to double. */
    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // halve with the lost bit kept as a sticky bit, convert, double: correctly rounded
        return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }

    /**
     * Encodes {@code n} values of {@code src} at {@code off} into {@code buf} (at its position).
     * Float targets take the values as they are; integer targets store
     * {@code rint((v - inter) / slope)} clamped to the type's range, NaN stored as the raw value
     * that reads back closest to 0.
     */
    void encode(float[] src, int off, int n, ByteBuffer buf) {
        switch (type) {
            case FLOAT32 -> buf.asFloatBuffer().put(src, off, n);
            case FLOAT64 -> {
                double[] d = doubles(n);
                for (int i = 0; i < n; i++) {
                    d[i] = src[off + i];
                }
                buf.asDoubleBuffer().put(d, 0, n);
            }
            case UINT8, INT8 -> {
                int p = buf.position();
                for (int i = 0; i < n; i++) {
                    buf.put(p + i, (byte) (long) raw(src[off + i]));
                }
            }
            case INT16, UINT16 -> {
                short[] s = shorts(n);
                for (int i = 0; i < n; i++) {
                    s[i] = (short) (long) raw(src[off + i]);
                }
                buf.asShortBuffer().put(s, 0, n);
            }
            case INT32, UINT32 -> {
                int[] s = ints(n);
                for (int i = 0; i < n; i++) {
                    s[i] = (int) (long) raw(src[off + i]);
                }
                buf.asIntBuffer().put(s, 0, n);
            }
            case INT64 -> {
                long[] s = longs(n);
                for (int i = 0; i < n; i++) {
                    s[i] = (long) rawUnclamped(src[off + i]); // (long) saturates at the range
                }
                buf.asLongBuffer().put(s, 0, n);
            }
            case UINT64 -> {
                long[] s = longs(n);
                for (int i = 0; i < n; i++) {
                    s[i] = doubleToUnsigned(rawUnclamped(src[off + i]));
                }
                buf.asLongBuffer().put(s, 0, n);
            }
            default -> throw new IllegalStateException("no encoder for " + type);
        }
        buf.position(buf.position() + n * type.bytesPerVoxel());
    }

    /** The rounded raw value before clamping; NaN maps to the raw value of 0. */
    private double rawUnclamped(float v) {
        double x = Float.isNaN(v) ? 0.0 : v;
        if (scaled) {
            x = (x - inter) / slope;
        }
        return Math.rint(x);
    }

    /** The raw value clamped to the type's range (for types of at most 32 bits). */
    private double raw(float v) {
        double x = rawUnclamped(v);
        return Math.max(type.minValue(), Math.min(type.maxValue(), x));
    }

    /** Rounded non-negative double to uint64 bits, saturating at 0 and 2^64 - 1. */
    static long doubleToUnsigned(double x) {
        if (!(x > 0)) {
            return 0;
        }
        if (x >= TWO_64) {
            return -1L;
        }
        if (x >= TWO_63) {
            return ((long) (x - TWO_63)) ^ Long.MIN_VALUE;
        }
        return (long) x;
    }

    private short[] shorts(int n) {
        if (shorts == null || shorts.length < n) {
            shorts = new short[n];
        }
        return shorts;
    }

    private int[] ints(int n) {
        if (ints == null || ints.length < n) {
            ints = new int[n];
        }
        return ints;
    }

    private long[] longs(int n) {
        if (longs == null || longs.length < n) {
            longs = new long[n];
        }
        return longs;
    }

    private double[] doubles(int n) {
        if (doubles == null || doubles.length < n) {
            doubles = new double[n];
        }
        return doubles;
    }
}
