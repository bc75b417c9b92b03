package org.istn.io.nifti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads single-file NIfTI-1 and NIfTI-2 volumes ({@code .nii}, gzip-compressed or not) from any
 * {@link InputStream} into a {@link NiftiVolume} of float32 values.
 *
 * <ul>
 *   <li>gzip is recognised by its magic bytes, never by a file name;
 *   <li>the version and the byte order come from {@code sizeof_hdr} (348 or 540);
 *   <li>every supported datatype is converted to float32 and {@code scl_slope}/{@code scl_inter}
 *       are applied exactly as nibabel's {@code get_fdata(dtype=float32)} does;
 *   <li>{@code vox_offset} is honoured (extensions are skipped, not kept); 0 means directly after
 *       the header;
 *   <li>the header is fixed on load the way nibabel fixes it: {@code pixdim[0]} (qfac) not ±1
 *       becomes 1, {@code pixdim[1..3]} of 0 become 1 and negative ones positive, unknown
 *       {@code qform_code}/{@code sform_code} become 0.
 * </ul>
 *
 * Every failure is a {@link NiftiFormatException} whose message starts with the source name. The
 * caller's stream is not closed. A plain stream is consumed up to the end of the voxel data; a
 * gzip stream is read to its end (so that its CRC is checked), and the inflater may buffer bytes
 * beyond it.
 */
public final class NiftiReader {

    /** The most voxels a volume may hold (the largest safe Java array length). */
    public static final int MAX_VOXELS = Integer.MAX_VALUE - 8;

    private static final int CHUNK_BYTES = 1 << 20;

    private NiftiReader() {}

    /**
     * Reads a whole volume.
     *
     * @param in the stream, positioned at the start of the file
     * @param source the name used in error messages (a path or URI)
     * @return the volume, voxels in NIfTI order (x fastest)
     * @throws NiftiFormatException when the stream is not a readable single-volume NIfTI file
     * @throws IOException when reading fails
     */
    public static NiftiVolume read(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        NiftiInput input = NiftiInput.open(in, source);
        Header h = readHeader(input, source);
        float[] data = readData(input, h, source);
        input.finish();
        return new NiftiVolume(h.decoded.header(), data);
    }

    /**
     * Reads a volume from a file (a convenience over {@link #read(InputStream, String)}; the
     * file's name plays no part in detecting gzip).
     */
    public static NiftiVolume read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads and validates only the header (the voxel data are not read).
     *
     * @param in the stream, positioned at the start of the file
     * @param source the name used in error messages
     * @return the header
     * @throws NiftiFormatException when the header is not valid for {@link #read}
     * @throws IOException when reading fails
     */
    public static NiftiHeader readHeader(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        return readHeader(NiftiInput.open(in, source), source).decoded.header();
    }

    private record Header(NiftiHeaderCodec.Decoded decoded, ByteOrder order) {}

    private static Header readHeader(NiftiInput input, String source) throws IOException {
        byte[] b = new byte[NiftiHeaderCodec.NIFTI2_SIZE];
        int n = input.readFully(b, 0, 4);
        if (n == 0) {
            throw new NiftiFormatException(source + ": empty " + (input.gzip() ? "gzip content"
                    : "stream") + "; expected a NIfTI-1 or NIfTI-2 header");
        }
        if (n < 4) {
            throw truncatedHeader(source, NiftiHeaderCodec.NIFTI1_SIZE, n);
        }
        int little = ByteBuffer.wrap(b, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int big = ByteBuffer.wrap(b, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        int version;
        ByteOrder order;
        if (little == NiftiHeaderCodec.NIFTI1_SIZE || little == NiftiHeaderCodec.NIFTI2_SIZE) {
            version = little == NiftiHeaderCodec.NIFTI1_SIZE ? 1 : 2;
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (big == NiftiHeaderCodec.NIFTI1_SIZE || big == NiftiHeaderCodec.NIFTI2_SIZE) {
            version = big == NiftiHeaderCodec.NIFTI1_SIZE ? 1 : 2;
            order = ByteOrder.BIG_ENDIAN;
        } else {
            n += input.readFully(b, 4, NiftiHeaderCodec.NIFTI1_SIZE - 4);
            String magic = n >= NiftiHeaderCodec.NIFTI1_SIZE ? NiftiHeaderCodec.showMagic(b, 344)
                    : "";
            throw new NiftiFormatException(source + ": not a NIfTI file (bad magic '" + magic
                    + "', sizeof_hdr " + little + ")");
        }
        int size = NiftiHeaderCodec.headerSize(version);
        n += input.readFully(b, 4, size - 4);
        if (n < size) {
            throw truncatedHeader(source, size, n);
        }
        NiftiHeaderCodec.checkMagic(b, version, source);
        return new Header(NiftiHeaderCodec.decode(b, version, order, source), order);
    }

    private static NiftiFormatException truncatedHeader(String source, int size, int found) {
        return new NiftiFormatException(source + ": truncated NIfTI header: expected " + size
                + " bytes, found " + found);
    }

    private static float[] readData(NiftiInput input, Header h, String source)
            throws IOException {
        NiftiHeader header = h.decoded.header();
        long offset = h.decoded.voxOffset();
        NiftiDatatype type = header.datatype();
        int count = header.voxelCount();
        long expected = (long) count * type.bytesPerVoxel();
        long gap = offset - input.position();
        long skipped = input.skipFully(gap);
        if (skipped < gap) {
            throw new NiftiFormatException(source + ": truncated NIfTI data: expected " + expected
                    + " bytes of voxel data after offset " + offset + ", found 0 (the stream ends at"
                    + " byte " + input.position() + ")");
        }
        float[] data = new float[count];
        VoxelCodec codec = new VoxelCodec(type, header.sclSlope(), header.sclInter());
        int bpv = type.bytesPerVoxel();
        int chunkVoxels = Math.min(count, CHUNK_BYTES / bpv);
        byte[] chunk = new byte[chunkVoxels * bpv];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(h.order);
        long found = 0;
        for (int done = 0; done < count; ) {
            int want = Math.min(chunkVoxels, count - done);
            int got = input.readFully(chunk, 0, want * bpv);
            found += got;
            if (got < want * bpv) {
                throw new NiftiFormatException(source + ": truncated NIfTI data: expected "
                        + expected + " bytes of voxel data after offset " + offset + ", found "
                        + found);
            }
            buf.clear();
            codec.decode(buf, data, done, want);
            done += want;
        }
        return data;
    }
}
