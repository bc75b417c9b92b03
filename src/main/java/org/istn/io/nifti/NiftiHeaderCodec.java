package org.istn.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary layouts of the NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers: decoding with
 * validation and nibabel's load-time fixes, and encoding for a single-file {@code .nii}.
 */
final class NiftiHeaderCodec {

    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;
    static final int NIFTI1_VOX_OFFSET = 352;
    static final int NIFTI2_VOX_OFFSET = 544;

    private static final byte[] NIFTI2_EOL = {13, 10, 26, 10};

    private NiftiHeaderCodec() {}

    /** A decoded header and where its voxel data start. */
    record Decoded(NiftiHeader header, long voxOffset) {}

    /** @return the header size (348 or 540) */
    static int headerSize(int version) {
        return version == 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
    }

    /** @return the minimum (and written) data offset of a single file (352 or 544) */
    static int voxOffset(int version) {
        return version == 1 ? NIFTI1_VOX_OFFSET : NIFTI2_VOX_OFFSET;
    }

    /** The magic as shown in messages: NULs trimmed, unprintable bytes as {@code \xNN}. */
    static String showMagic(byte[] b, int off) {
        StringBuilder s = new StringBuilder();
        int end = Math.min(off + 4, b.length);
        while (end > off && b[end - 1] == 0) {
            end--;
        }
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }

    /**
     * Checks the magic of a header whose size field said {@code version}.
     *
     * @throws NiftiFormatException for a bad magic or a header/image pair
     */
    static void checkMagic(byte[] b, int version, String source) throws NiftiFormatException {
        int off = version == 1 ? 344 : 4;
        String magic = showMagic(b, off);
        String single = version == 1 ? "n+1" : "n+2";
        String pair = version == 1 ? "ni1" : "ni2";
        boolean terminated = b[off + 3] == 0;
        if (magic.equals(single) && terminated) {
            if (version == 2) {
                byte[] eol = Arrays.copyOfRange(b, 8, 12);
                if (!Arrays.equals(eol, NIFTI2_EOL) && !Arrays.equals(eol, new byte[4])) {
                    throw new NiftiFormatException(source + ": NIfTI-2 eol_check bytes are "
                            + Arrays.toString(eol) + "; expected [13, 10, 26, 10]"
                            + " (was the file transferred in text mode?)");
                }
            }
            return;
        }
        if (magic.equals(pair) && terminated) {
            throw new NiftiFormatException(source + ": NIfTI-" + version
                    + " header/image pairs (magic '" + pair + "', .hdr + .img) are not supported;"
                    + " expected a single-file .nii (magic '" + single + "')");
        }
        throw new NiftiFormatException(source + ": not a NIfTI file (bad magic '" + magic
                + "', sizeof_hdr " + headerSize(version) + ")");
    }

    /**
     * Decodes and validates a header whose magic was checked.
     *
     * @param b the header bytes (348 or 540)
     */
    static Decoded decode(byte[] b, int version, ByteOrder order, String source)
            throws NiftiFormatException {
        ByteBuffer h = ByteBuffer.wrap(b).order(order);
        boolean v1 = version == 1;
        long[] dim = new long[8];
        double[] pix = new double[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = v1 ? h.getShort(40 + 2 * i) : h.getLong(16 + 8 * i);
            pix[i] = v1 ? h.getFloat(76 + 4 * i) : h.getDouble(104 + 8 * i);
        }
        int[] dims = checkDims(dim, source);
        NiftiDatatype type = NiftiDatatype.fromCode(v1 ? h.getShort(70) : h.getShort(12), source);
        checkVoxelCount(dims, source);
        double slope = v1 ? h.getFloat(112) : h.getDouble(176);
        double inter = v1 ? h.getFloat(116) : h.getDouble(184);
        if (slope != 0 && Double.isFinite(slope) && !Double.isFinite(inter)) {
            throw new NiftiFormatException(source + ": scl_slope is " + slope + " but scl_inter is "
                    + inter + "; expected a finite scl_inter when scl_slope is set");
        }
        long voxOffset = v1 ? (long) h.getFloat(108) : h.getLong(168);
        if (voxOffset == 0) {
            voxOffset = voxOffset(version);
        } else if (voxOffset < voxOffset(version)) {
            throw new NiftiFormatException(source + ": vox_offset " + voxOffset
                    + " lies inside the header; expected at least " + voxOffset(version)
                    + " for a single-file NIfTI-" + version);
        }
        int qformCode = xformCode(v1 ? h.getShort(252) : h.getInt(344));
        int sformCode = xformCode(v1 ? h.getShort(254) : h.getInt(348));
        double[] quatern = new double[6];
        for (int i = 0; i < 6; i++) {
            quatern[i] = v1 ? h.getFloat(256 + 4 * i) : h.getDouble(352 + 8 * i);
        }
        double[][] srow = new double[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                srow[r][c] = v1 ? h.getFloat(280 + 16 * r + 4 * c)
                        : h.getDouble(400 + 32 * r + 8 * c);
            }
        }
        fixPixdim(pix, dims.length, source);
        checkFinite(quatern, qformCode, "quatern_b/c/d and qoffset_x/y/z", "qform_code", source);
        for (int r = 0; r < 3; r++) {
            checkFinite(srow[r], sformCode, "srow_" + "xyz".charAt(r), "sform_code", source);
        }
        NiftiHeaderBuilder bld = NiftiHeader.builder()
                .version(version)
                .dims(dims)
                .pixdim(pix)
                .datatype(type)
                .scaling(slope, inter)
                .qform(qformCode, quatern[0], quatern[1], quatern[2], quatern[3], quatern[4],
                        quatern[5])
                .sform(sformCode, srow[0], srow[1], srow[2]);
        if (v1) {
            bld.intent(h.getShort(68), h.getFloat(56), h.getFloat(60), h.getFloat(64),
                            text(b, 328, 16))
                    .slices(b[122] & 0xff, h.getShort(74), h.getShort(120), h.getFloat(132))
                    .xyztUnits(b[123] & 0xff)
                    .calRange(h.getFloat(128), h.getFloat(124))
                    .toffset(h.getFloat(136))
                    .descrip(text(b, 148, 80))
                    .auxFile(text(b, 228, 24))
                    .dimInfo(b[39] & 0xff);
        } else {
            bld.intent(h.getInt(504), h.getDouble(80), h.getDouble(88), h.getDouble(96),
                            text(b, 508, 16))
                    .slices(h.getInt(496) & 0xff, h.getLong(224), h.getLong(232), h.getDouble(208))
                    .xyztUnits(h.getInt(500) & 0xff)
                    .calRange(h.getDouble(200), h.getDouble(192))
                    .toffset(h.getDouble(216))
                    .descrip(text(b, 240, 80))
                    .auxFile(text(b, 320, 24))
                    .dimInfo(b[524] & 0xff);
        }
        return new Decoded(bld.build(), voxOffset);
    }

    private static int[] checkDims(long[] dim, String source) throws NiftiFormatException {
        if (dim[0] < 1 || dim[0] > 7) {
            throw new NiftiFormatException(source + ": dim[0] is " + dim[0]
                    + "; expected 1 to 7 (the number of dimensions)");
        }
        int n = (int) dim[0];
        long[] used = Arrays.copyOfRange(dim, 1, n + 1);
        for (int i = 1; i <= n; i++) {
            if (dim[i] < 1 || dim[i] > Integer.MAX_VALUE) {
                throw new NiftiFormatException(source + ": dim[" + i + "] is " + dim[i]
                        + "; expected a positive size (dims " + Arrays.toString(used) + ")");
            }
        }
        if (n >= 4 && dim[4] != 1) {
            throw new NiftiFormatException(source + ": 4D with " + dim[4]
                    + " volumes is not supported; expected a single volume");
        }
        for (int i = 5; i <= n; i++) {
            if (dim[i] != 1) {
                throw new NiftiFormatException(source + ": dim[" + i + "] is " + dim[i]
                        + "; expected 1 (dims " + Arrays.toString(used)
                        + "; only a single 2D or 3D volume is supported)");
            }
        }
        int[] dims = new int[n];
        for (int i = 0; i < n; i++) {
            dims[i] = (int) used[i];
        }
        return dims;
    }

    private static void checkVoxelCount(int[] dims, String source) throws NiftiFormatException {
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        if (count > NiftiReader.MAX_VOXELS) {
            throw new NiftiFormatException(source + ": dims " + Arrays.toString(dims) + " hold "
                    + count + " voxels; at most " + NiftiReader.MAX_VOXELS
                    + " fit in a Java float array");
        }
    }

    /** nibabel's load-time fixes: qfac ±1, pixdim[1..3] positive (0 → 1). */
    private static void fixPixdim(double[] pix, int ndim, String source)
            throws NiftiFormatException {
        for (int i = 0; i < 8; i++) {
            if (!Double.isFinite(pix[i])) {
                if (i <= Math.max(3, ndim)) {
                    throw new NiftiFormatException(source + ": pixdim[" + i + "] is " + pix[i]
                            + "; expected a finite voxel size");
                }
                pix[i] = 1; // unused dimension
            }
        }
        if (pix[0] != 1 && pix[0] != -1) {
            pix[0] = 1;
        }
        for (int i = 1; i <= 3; i++) {
            pix[i] = pix[i] == 0 ? 1 : Math.abs(pix[i]);
        }
    }

    private static void checkFinite(double[] values, int code, String what, String codeName,
            String source) throws NiftiFormatException {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                if (code > 0) {
                    throw new NiftiFormatException(source + ": " + what + " hold "
                            + Arrays.toString(values) + " with " + codeName + " " + code
                            + "; expected finite values");
                }
                values[i] = 0; // unused transform
            }
        }
    }

    /** Unknown transform codes are read as 0 (unknown), as nibabel does. */
    private static int xformCode(int code) {
        return code >= 0 && code <= NiftiHeader.XFORM_MAX ? code : 0;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    /**
     * Encodes a single-file header followed by the 4-byte extension flag (zero): 352 bytes for
     * NIfTI-1, 544 for NIfTI-2, so that the voxel data follow directly.
     *
     * @throws IllegalArgumentException when a value does not fit NIfTI-1's 16-bit or float32 fields
     */
    static byte[] encode(NiftiHeader hd, int version, NiftiDatatype type, double slope,
            double inter, ByteOrder order) {
        boolean v1 = version == 1;
        byte[] b = new byte[voxOffset(version)];
        ByteBuffer h = ByteBuffer.wrap(b).order(order);
        int[] dims = hd.dims();
        double[] pix = hd.pixdim();
        if (v1) {
            h.putInt(0, NIFTI1_SIZE);
            b[38] = 'r';
            b[39] = (byte) hd.dimInfo();
            h.putShort(40, (short) dims.length);
            for (int i = 1; i < 8; i++) {
                h.putShort(40 + 2 * i, short16("dim[" + i + "]", i <= dims.length ? dims[i - 1] : 1));
                h.putFloat(76 + 4 * i, float32("pixdim[" + i + "]", pix[i]));
            }
            h.putFloat(76, (float) pix[0]);
            h.putFloat(56, (float) hd.intentP1());
            h.putFloat(60, (float) hd.intentP2());
            h.putFloat(64, (float) hd.intentP3());
            h.putShort(68, short16("intent_code", hd.intentCode()));
            h.putShort(70, (short) type.code());
            h.putShort(72, (short) type.bitpix());
            h.putShort(74, short16("slice_start", hd.sliceStart()));
            h.putFloat(108, NIFTI1_VOX_OFFSET);
            h.putFloat(112, (float) slope);
            h.putFloat(116, (float) inter);
            h.putShort(120, short16("slice_end", hd.sliceEnd()));
            b[122] = (byte) hd.sliceCode();
            b[123] = (byte) hd.xyztUnits();
            h.putFloat(124, (float) hd.calMax());
            h.putFloat(128, (float) hd.calMin());
            h.putFloat(132, (float) hd.sliceDuration());
            h.putFloat(136, (float) hd.toffset());
            putText(b, 148, hd.descrip());
            putText(b, 228, hd.auxFile());
            h.putShort(252, (short) hd.qformCode());
            h.putShort(254, (short) hd.sformCode());
            double[] q = quatern(hd);
            for (int i = 0; i < 6; i++) {
                h.putFloat(256 + 4 * i, float32("quatern/qoffset", q[i]));
            }
            double[][] rows = {hd.srowX(), hd.srowY(), hd.srowZ()};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    h.putFloat(280 + 16 * r + 4 * c, float32("srow", rows[r][c]));
                }
            }
            putText(b, 328, hd.intentName());
            putText(b, 344, "n+1");
        } else {
            h.putInt(0, NIFTI2_SIZE);
            putText(b, 4, "n+2");
            System.arraycopy(NIFTI2_EOL, 0, b, 8, 4);
            h.putShort(12, (short) type.code());
            h.putShort(14, (short) type.bitpix());
            h.putLong(16, dims.length);
            for (int i = 1; i < 8; i++) {
                h.putLong(16 + 8 * i, i <= dims.length ? dims[i - 1] : 1);
            }
            for (int i = 0; i < 8; i++) {
                h.putDouble(104 + 8 * i, pix[i]);
            }
            h.putDouble(80, hd.intentP1());
            h.putDouble(88, hd.intentP2());
            h.putDouble(96, hd.intentP3());
            h.putLong(168, NIFTI2_VOX_OFFSET);
            h.putDouble(176, slope);
            h.putDouble(184, inter);
            h.putDouble(192, hd.calMax());
            h.putDouble(200, hd.calMin());
            h.putDouble(208, hd.sliceDuration());
            h.putDouble(216, hd.toffset());
            h.putLong(224, hd.sliceStart());
            h.putLong(232, hd.sliceEnd());
            putText(b, 240, hd.descrip());
            putText(b, 320, hd.auxFile());
            h.putInt(344, hd.qformCode());
            h.putInt(348, hd.sformCode());
            double[] q = quatern(hd);
            for (int i = 0; i < 6; i++) {
                h.putDouble(352 + 8 * i, q[i]);
            }
            double[][] rows = {hd.srowX(), hd.srowY(), hd.srowZ()};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    h.putDouble(400 + 32 * r + 8 * c, rows[r][c]);
                }
            }
            h.putInt(496, hd.sliceCode());
            h.putInt(500, hd.xyztUnits());
            h.putInt(504, hd.intentCode());
            putText(b, 508, hd.intentName());
            b[524] = (byte) hd.dimInfo();
        }
        return b;
    }

    private static double[] quatern(NiftiHeader h) {
        return new double[] {h.quaternB(), h.quaternC(), h.quaternD(), h.qoffsetX(), h.qoffsetY(),
            h.qoffsetZ()};
    }

    private static short short16(String field, long v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new IllegalArgumentException(field + " is " + v
                    + "; NIfTI-1 stores it in 16 bits (-32768 to 32767): write NIfTI-2 instead");
        }
        return (short) v;
    }

    private static float float32(String field, double v) {
        float f = (float) v;
        if (Float.isInfinite(f) && !Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " is " + v
                    + "; it overflows NIfTI-1's float32: write NIfTI-2 instead");
        }
        return f;
    }

    private static void putText(byte[] b, int off, String s) {
        byte[] t = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, b, off, t.length);
    }
}
