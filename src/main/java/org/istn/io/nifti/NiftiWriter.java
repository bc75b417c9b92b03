package org.istn.io.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link NiftiVolume} as a single-file NIfTI-1 or NIfTI-2 ({@code .nii}, optionally
 * gzipped) to any {@link OutputStream}. The caller's stream is flushed, never closed; a gzip
 * stream is finished so the caller may go on writing.
 *
 * <p>The header keeps the volume header's fields (dims, pixdim, qform and sform codes and
 * parameters, xyzt_units, description, intent, ...); {@code vox_offset} is 352 (NIfTI-1, the
 * 4-byte extension flag zero) or 544 (NIfTI-2), and datatype/bitpix follow the options.
 *
 * <p>Scaling: float targets store the in-memory values as they are, with {@code scl_slope} 1 and
 * {@code scl_inter} 0 when the header had an active scaling (else its inactive values, such as
 * NaN, are kept). Integer targets round half to even and clamp to the type's range; they reuse
 * the header's active {@code scl_slope}/{@code scl_inter} (stored value
 * {@code rint((v - inter) / slope)}), so a file read and written back in its own datatype keeps
 * its raw values. No scaling is chosen automatically: to fit a range into an integer type, set
 * one with {@link NiftiHeader#withScaling} first. NaN is stored as the raw value that reads back
 * closest to 0 (as nibabel does); infinities clamp.
 */
public final class NiftiWriter {

    private static final int CHUNK_BYTES = 1 << 20;
    private static final int GZIP_BUFFER = 1 << 16;

    private NiftiWriter() {}

    /**
     * Writes float32 data in the volume header's NIfTI version, little-endian.
     *
     * @param v the volume
     * @param out the destination (not closed)
     * @param gzip whether to gzip the output
     * @throws IOException when writing fails
     */
    public static void write(NiftiVolume v, OutputStream out, boolean gzip) throws IOException {
        write(v, out, NiftiWriteOptions.defaults(gzip).withVersion(v.header().version()));
    }

    /**
     * Writes in the given datatype and NIfTI version, little-endian.
     *
     * @param v the volume
     * @param out the destination (not closed)
     * @param gzip whether to gzip the output
     * @param datatype the voxel datatype on disk
     * @param version 1 or 2
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when a header value does not fit NIfTI-1
     */
    public static void write(NiftiVolume v, OutputStream out, boolean gzip,
            NiftiDatatype datatype, int version) throws IOException {
        write(v, out, new NiftiWriteOptions(gzip, datatype, version, ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Writes with the given options.
     *
     * @param v the volume
     * @param out the destination (not closed)
     * @param options datatype, version, byte order and compression
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when a header value does not fit NIfTI-1
     */
    public static void write(NiftiVolume v, OutputStream out, NiftiWriteOptions options)
            throws IOException {
        Objects.requireNonNull(v, "volume");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        NiftiHeader h = v.header();
        NiftiDatatype type = options.datatype();
        double slope = h.sclSlope();
        double inter = h.sclInter();
        if (h.hasScaling() && !type.isInteger()) {
            slope = 1;
            inter = 0;
        }
        byte[] header = NiftiHeaderCodec.encode(h, options.version(), type, slope, inter,
                options.byteOrder());
        VoxelCodec codec = type.isInteger() ? new VoxelCodec(type, slope, inter)
                : new VoxelCodec(type, 1, 0);
        if (options.gzip()) {
            FinishingGzip gz = new FinishingGzip(out);
            try {
                writeBody(gz, header, v.dataArray(), codec, type, options);
                gz.finish();
            } finally {
                gz.release();
            }
        } else {
            writeBody(out, header, v.dataArray(), codec, type, options);
        }
        out.flush();
    }

    private static void writeBody(OutputStream out, byte[] header, float[] data,
            VoxelCodec codec, NiftiDatatype type, NiftiWriteOptions options) throws IOException {
        out.write(header);
        int bpv = type.bytesPerVoxel();
        int chunkVoxels = Math.max(1, Math.min(data.length, CHUNK_BYTES / bpv));
        byte[] chunk = new byte[chunkVoxels * bpv];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(options.byteOrder());
        for (int done = 0; done < data.length; ) {
            int n = Math.min(chunkVoxels, data.length - done);
            buf.clear();
            codec.encode(data, done, n, buf);
            out.write(chunk, 0, n * bpv);
            done += n;
        }
    }

    /** A gzip stream that can be finished and its native deflater released without closing. */
    private static final class FinishingGzip extends GZIPOutputStream {
        FinishingGzip(OutputStream out) throws IOException {
            super(out, GZIP_BUFFER);
        }

        void release() {
            def.end();
        }
    }
}
