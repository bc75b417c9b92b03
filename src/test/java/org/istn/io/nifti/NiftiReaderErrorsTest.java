package org.istn.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/**
 * One deliberately broken stream per validation branch of the reader, each made here from a
 * valid file written by the project (4x3x2 float32, 96 bytes of voxels after offset 352 or 544),
 * each asserting the exact message.
 */
class NiftiReaderErrorsTest {

    private static final String SUPPORTED =
            "supported: uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64";

    /** A valid uncompressed little-endian file. */
    private static byte[] valid(int version) throws IOException {
        float[] data = new float[24];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f;
        }
        NiftiVolume v = NiftiVolume.create(new int[] {4, 3, 2}, data, new double[] {1, 2, 3},
                null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NiftiWriter.write(v, out, false, NiftiDatatype.FLOAT32, version);
        return out.toByteArray();
    }

    private static byte[] patched(int version, Consumer<ByteBuffer> patch) throws IOException {
        byte[] b = valid(version);
        patch.accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        return b;
    }

    private static byte[] gzip(byte[] b, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static NiftiFormatException error(byte[] bytes, String source) {
        NiftiFormatException e = assertThrows(NiftiFormatException.class,
                () -> NiftiReader.read(new ByteArrayInputStream(bytes), source));
        assertTrue(e.getMessage().startsWith(source + ": "), e.getMessage());
        return e;
    }

    private static String message(byte[] bytes, String source) {
        return error(bytes, source).getMessage();
    }

    @Test
    void validFixtureReads() throws IOException {
        for (int version = 1; version <= 2; version++) {
            NiftiVolume v = NiftiReader.read(new ByteArrayInputStream(valid(version)), "ok.nii");
            assertEquals(11.5f, v.get(3, 2, 1), 0, "last voxel (tolerance 0)");
            v = NiftiReader.read(new ByteArrayInputStream(gzip(valid(version), 6)), "ok.nii.gz");
            assertEquals(11.5f, v.get(3, 2, 1), 0, "last voxel, gzipped (tolerance 0)");
        }
    }

    @Test
    void missingOrEmptyStream() throws IOException {
        assertEquals("in", assertThrows(NullPointerException.class,
                () -> NiftiReader.read(null, "none.nii")).getMessage());
        assertEquals("empty.nii: empty stream; expected a NIfTI-1 or NIfTI-2 header",
                message(new byte[0], "empty.nii"));
        assertEquals("empty.nii.gz: empty gzip content; expected a NIfTI-1 or NIfTI-2 header",
                message(gzip(new byte[0], 6), "empty.nii.gz"));
    }

    @Test
    void truncatedHeader() throws IOException {
        assertEquals("short.nii: truncated NIfTI header: expected 348 bytes, found 3",
                message(Arrays.copyOf(valid(1), 3), "short.nii"));
        assertEquals("short.nii: truncated NIfTI header: expected 348 bytes, found 200",
                message(Arrays.copyOf(valid(1), 200), "short.nii"));
        assertEquals("short2.nii: truncated NIfTI header: expected 540 bytes, found 300",
                message(Arrays.copyOf(valid(2), 300), "short2.nii"));
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = gzip(valid(1), 6);
        NiftiFormatException body = error(Arrays.copyOf(gz, gz.length / 2), "cut.nii.gz");
        assertEquals("cut.nii.gz: corrupt or truncated gzip stream (unexpected end of stream)",
                body.getMessage());
        assertInstanceOf(EOFException.class, body.getCause());
        assertEquals("cut.nii.gz: corrupt or truncated gzip stream (unexpected end of stream)",
                message(Arrays.copyOf(gz, gz.length - 3), "cut.nii.gz"), "cut in the trailer");
        assertEquals("cut.nii.gz: corrupt or truncated gzip stream (unexpected end of stream)",
                message(Arrays.copyOf(gz, 5), "cut.nii.gz"), "cut in the gzip header");
    }

    @Test
    void corruptGzip() throws IOException {
        // stored (level 0) deflate blocks: flipped voxel bytes decode fine, the CRC catches them
        byte[] stored = gzip(valid(1), Deflater.NO_COMPRESSION);
        int voxelByte = 10 + 5 + 360; // gzip header, stored-block header, into the voxels
        stored[voxelByte] ^= 0x5a;
        stored[voxelByte + 1] ^= 0x5a;
        NiftiFormatException crc = error(stored, "flip.nii.gz");
        assertEquals("flip.nii.gz: corrupt or truncated gzip stream (Corrupt GZIP trailer)",
                crc.getMessage());
        assertInstanceOf(ZipException.class, crc.getCause());
        // compressed blocks: zlib reports the broken structure (its wording is zlib's own)
        byte[] gz = gzip(valid(1), 6);
        for (int i = 12; i < 40; i++) {
            gz[i] ^= (byte) 0xff;
        }
        NiftiFormatException zlib = error(gz, "flip.nii.gz");
        assertTrue(zlib.getMessage().startsWith(
                "flip.nii.gz: corrupt or truncated gzip stream ("), zlib.getMessage());
        assertInstanceOf(ZipException.class, zlib.getCause());
    }

    @Test
    void badMagic() throws IOException {
        assertEquals("bad.nii: not a NIfTI file (bad magic 'xyz', sizeof_hdr 348)",
                message(patched(1, b -> b.put(344, "xyz\0".getBytes(StandardCharsets.US_ASCII))),
                        "bad.nii"));
        assertEquals("bad.nii: not a NIfTI file (bad magic 'n+1', sizeof_hdr 1234)",
                message(patched(1, b -> b.putInt(0, 1234)), "bad.nii"));
        assertEquals("bad2.nii: not a NIfTI file (bad magic 'n+1', sizeof_hdr 540)",
                message(patched(2, b -> b.put(6, (byte) '1')), "bad2.nii"));
        assertEquals("notes.txt: not a NIfTI file (bad magic '', sizeof_hdr 1819043176)",
                message("hello, this is not a volume".getBytes(StandardCharsets.US_ASCII),
                        "notes.txt"));
        assertEquals("bin.nii: not a NIfTI file (bad magic 'n+1\\x01', sizeof_hdr 348)",
                message(patched(1, b -> b.put(347, (byte) 1)), "bin.nii"));
    }

    @Test
    void headerImagePairs() throws IOException {
        assertEquals("p.hdr: NIfTI-1 header/image pairs (magic 'ni1', .hdr + .img) are not"
                + " supported; expected a single-file .nii (magic 'n+1')",
                message(patched(1, b -> b.put(345, (byte) 'i')), "p.hdr"));
        assertEquals("p2.hdr: NIfTI-2 header/image pairs (magic 'ni2', .hdr + .img) are not"
                + " supported; expected a single-file .nii (magic 'n+2')",
                message(patched(2, b -> b.put(5, (byte) 'i')), "p2.hdr"));
    }

    @Test
    void unsupportedDatatypes() throws IOException {
        assertEquals("c.nii: unsupported NIfTI datatype 32 (complex64); " + SUPPORTED,
                message(patched(1, b -> b.putShort(70, (short) 32)), "c.nii"));
        assertEquals("rgb.nii: unsupported NIfTI datatype 128 (RGB24); " + SUPPORTED,
                message(patched(1, b -> b.putShort(70, (short) 128)), "rgb.nii"));
        assertEquals("c2.nii: unsupported NIfTI datatype 32 (complex64); " + SUPPORTED,
                message(patched(2, b -> b.putShort(12, (short) 32)), "c2.nii"));
        assertEquals("x.nii: unsupported NIfTI datatype 3 (not a NIfTI datatype code); "
                + SUPPORTED, message(patched(1, b -> b.putShort(70, (short) 3)), "x.nii"));
    }

    @Test
    void badNumberOfDimensions() throws IOException {
        assertEquals("d.nii: dim[0] is 0; expected 1 to 7 (the number of dimensions)",
                message(patched(1, b -> b.putShort(40, (short) 0)), "d.nii"));
        assertEquals("d.nii: dim[0] is 8; expected 1 to 7 (the number of dimensions)",
                message(patched(1, b -> b.putShort(40, (short) 8)), "d.nii"));
        assertEquals("d2.nii: dim[0] is 8; expected 1 to 7 (the number of dimensions)",
                message(patched(2, b -> b.putLong(16, 8)), "d2.nii"));
    }

    @Test
    void zeroOrNegativeDimension() throws IOException {
        assertEquals("z.nii: dim[2] is 0; expected a positive size (dims [4, 0, 2])",
                message(patched(1, b -> b.putShort(44, (short) 0)), "z.nii"));
        assertEquals("z.nii: dim[3] is -2; expected a positive size (dims [4, 3, -2])",
                message(patched(1, b -> b.putShort(46, (short) -2)), "z.nii"));
        assertEquals("z2.nii: dim[1] is 3000000000; expected a positive size"
                + " (dims [3000000000, 3, 2])",
                message(patched(2, b -> b.putLong(24, 3_000_000_000L)), "z2.nii"));
    }

    @Test
    void severalVolumes() throws IOException {
        byte[] b = patched(1, h -> {
            h.putShort(40, (short) 4);
            h.putShort(48, (short) 12);
        });
        assertEquals("f.nii: 4D with 12 volumes is not supported; expected a single volume",
                message(b, "f.nii"));
        assertEquals("f.nii: 4D with 12 volumes is not supported; expected a single volume",
                assertThrows(NiftiFormatException.class, () -> NiftiReader.readHeader(
                        new ByteArrayInputStream(b), "f.nii")).getMessage(), "readHeader");
        assertEquals("g.nii: dim[5] is 3; expected 1 (dims [4, 3, 2, 1, 3]; only a single 2D or"
                + " 3D volume is supported)", message(patched(1, h -> {
                    h.putShort(40, (short) 5);
                    h.putShort(50, (short) 3);
                }), "g.nii"));
    }

    @Test
    void tooManyVoxels() throws IOException {
        assertEquals("big.nii: dims [2000, 2000, 2000] hold 8000000000 voxels; at most 2147483639"
                + " fit in a Java float array", message(patched(1, h -> {
                    for (int i = 1; i <= 3; i++) {
                        h.putShort(40 + 2 * i, (short) 2000);
                    }
                }), "big.nii"));
    }

    @Test
    void truncatedBody() throws IOException {
        byte[] ok = valid(1);
        assertEquals("t.nii: truncated NIfTI data: expected 96 bytes of voxel data after offset"
                + " 352, found 86", message(Arrays.copyOf(ok, ok.length - 10), "t.nii"));
        assertEquals("t.nii: truncated NIfTI data: expected 96 bytes of voxel data after offset"
                + " 352, found 0 (the stream ends at byte 348)",
                message(Arrays.copyOf(ok, 348), "t.nii"));
        byte[] ok2 = valid(2);
        assertEquals("t2.nii.gz: truncated NIfTI data: expected 96 bytes of voxel data after"
                + " offset 544, found 95", message(gzip(Arrays.copyOf(ok2, ok2.length - 1), 6),
                        "t2.nii.gz"));
    }

    @Test
    void voxOffsetInsideHeader() throws IOException {
        assertEquals("o.nii: vox_offset 100 lies inside the header; expected at least 352 for a"
                + " single-file NIfTI-1", message(patched(1, b -> b.putFloat(108, 100)), "o.nii"));
    }

    @Test
    void invalidScalingAndGeometry() throws IOException {
        assertEquals("s.nii: scl_slope is 2.0 but scl_inter is NaN; expected a finite scl_inter"
                + " when scl_slope is set", message(patched(1, b -> {
                    b.putFloat(112, 2f);
                    b.putFloat(116, Float.NaN);
                }), "s.nii"));
        assertEquals("n.nii: pixdim[2] is NaN; expected a finite voxel size",
                message(patched(1, b -> b.putFloat(84, Float.NaN)), "n.nii"));
        assertEquals("r.nii: srow_x hold [Infinity, 0.0, 0.0, 0.0] with sform_code 2; expected"
                + " finite values", message(patched(1, b -> b.putFloat(280, Float.POSITIVE_INFINITY)),
                        "r.nii"));
        assertEquals("e.nii: NIfTI-2 eol_check bytes are [13, 10, 10, 0]; expected"
                + " [13, 10, 26, 10] (was the file transferred in text mode?)",
                message(patched(2, b -> b.put(10, (byte) 10).put(11, (byte) 0)), "e.nii"));
    }

    @Test
    void nonFiniteVoxels() throws IOException {
        float[] data = new float[24];
        data[5] = Float.NaN;
        data[20] = Float.POSITIVE_INFINITY;
        NiftiVolume v = NiftiVolume.create(new int[] {4, 3, 2}, data, new double[] {1, 1, 1},
                null);
        assertEquals("vol.nii: 2 non-finite voxel values (NaN or Infinity); the first is NaN at"
                + " voxel (1, 1, 0)", assertThrows(NiftiFormatException.class,
                        () -> v.requireFinite("vol.nii")).getMessage());
        data[5] = 0;
        NiftiVolume inf = v.withData(data);
        assertEquals("vol.nii: 1 non-finite voxel value (NaN or Infinity); the first is Infinity"
                + " at voxel (0, 2, 1)", assertThrows(NiftiFormatException.class,
                        () -> inf.requireFinite("vol.nii")).getMessage());
        float[] flat = new float[12];
        flat[7] = Float.NEGATIVE_INFINITY;
        NiftiVolume twoD = NiftiVolume.create(new int[] {4, 3}, flat, new double[] {1, 1}, null);
        assertEquals("img.nii: 1 non-finite voxel value (NaN or Infinity); the first is -Infinity"
                + " at voxel (3, 1)", assertThrows(NiftiFormatException.class,
                        () -> twoD.requireFinite("img.nii")).getMessage());
        // the NaN survives a write and a read, and is reported for the file
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NiftiWriter.write(v, out, true);
        NiftiVolume back = NiftiReader.read(new ByteArrayInputStream(out.toByteArray()), "w.nii.gz");
        assertEquals("w.nii.gz: 2 non-finite voxel values (NaN or Infinity); the first is NaN at"
                + " voxel (1, 1, 0)", assertThrows(NiftiFormatException.class,
                        () -> back.requireFinite("w.nii.gz")).getMessage());
    }
}
