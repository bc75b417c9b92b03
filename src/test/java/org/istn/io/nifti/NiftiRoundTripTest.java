package org.istn.io.nifti;

import static org.istn.io.nifti.NiftiAssertions.assertSameFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Java to Java: every datatype, version, byte order and compression, with values at and beyond
 * the extremes of each type; header fields preserved by read → write → read; the writer's
 * rounding, clamping and scaling rules; the caller's stream left open.
 *
 * <p>Expected integer values are computed independently with BigDecimal: NaN → 0, round half to
 * even, clamp to the type's exact range, then to float32 the way the reader (and nibabel) does.
 * Tolerance 0.
 */
class NiftiRoundTripTest {

    /** Values around and beyond every type's range, specials, and ties for the rounding rule. */
    private static final float[] PROBES = {
        0f, -0f, 1f, -1f, 0.5f, 1.5f, 2.5f, -2.5f, 127f, -128f, 128f, 255f, 256f, -129f,
        32767f, -32768f, 32768f, 65535f, 65536f, 60000f, 2147483520f, -2147483648f, 2147483648f,
        4294967040f, 4294967296f, 4e9f, 9.2233715e18f, -9.223372e18f, 9.223372e18f,
        1.8446743e19f, 1.8446744e19f, 1e20f, -1e20f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 12.25f,
        -7.75f, 3.4e38f};

    private static byte[] write(NiftiVolume v, NiftiWriteOptions o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NiftiWriter.write(v, out, o);
        return out.toByteArray();
    }

    private static NiftiVolume read(byte[] b, String source) throws IOException {
        return NiftiReader.read(new ByteArrayInputStream(b), source);
    }

    @TestFactory
    Stream<DynamicTest> extremesOfEveryType() {
        List<DynamicTest> tests = new ArrayList<>();
        for (NiftiDatatype type : NiftiDatatype.values()) {
            for (int version = 1; version <= 2; version++) {
                for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN,
                    ByteOrder.BIG_ENDIAN}) {
                    for (boolean gz : new boolean[] {false, true}) {
                        NiftiWriteOptions o = new NiftiWriteOptions(gz, type, version, order);
                        tests.add(DynamicTest.dynamicTest(o.toString(), () -> roundTrip(o)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void roundTrip(NiftiWriteOptions o) throws IOException {
        float[] data = Arrays.copyOf(PROBES, 6 * 7);
        NiftiVolume v = NiftiVolume.create(new int[] {6, 7}, data, new double[] {0.5, 2}, null);
        NiftiVolume back = read(write(v, o), "probe.nii");
        assertArrayEquals(new int[] {6, 7}, back.shape(), "shape");
        assertEquals(o.datatype(), back.header().datatype(), "datatype");
        assertEquals(o.version(), back.header().version(), "version");
        float[] expected = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            expected[i] = expectedAfterRoundTrip(data[i], o.datatype());
        }
        assertSameFloats(expected, back.data(), o.toString());
    }

    /** NaN → 0, rint, clamp to the exact range, back to float32 via double. */
    static float expectedAfterRoundTrip(float v, NiftiDatatype type) {
        if (!type.isInteger()) {
            return v;
        }
        BigInteger[] range = exactRange(type);
        BigInteger raw;
        if (Float.isNaN(v)) {
            raw = BigInteger.ZERO;
        } else if (Float.isInfinite(v)) {
            raw = v > 0 ? range[1] : range[0];
        } else {
            raw = new BigDecimal(v).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
            raw = raw.max(range[0]).min(range[1]);
        }
        return (float) raw.doubleValue() + 0.0f;
    }

    private static BigInteger[] exactRange(NiftiDatatype type) {
        int bits = type.bitpix();
        boolean unsigned = type.minValue() == 0;
        BigInteger two = BigInteger.TWO;
        return unsigned
                ? new BigInteger[] {BigInteger.ZERO, two.pow(bits).subtract(BigInteger.ONE)}
                : new BigInteger[] {two.pow(bits - 1).negate(),
                    two.pow(bits - 1).subtract(BigInteger.ONE)};
    }

    /** A header with every field set, to float32-exact values so that NIfTI-1 keeps them. */
    private static NiftiHeader richHeader(int version, NiftiDatatype type) {
        return NiftiHeader.builder()
                .version(version)
                .dims(5, 4, 3, 1)
                .pixdim(-1, 1.5, 0.75, 2.25, 3, 1, 1, 1)
                .datatype(type)
                .scaling(0.5, -10.25)
                .qform(1, 0.125, -0.25, 0.5, -90.5, 126.25, -72)
                .sform(4, new double[] {1.5, 0.125, 0, -90.5}, new double[] {0, 0.75, 0, 126.25},
                        new double[] {0, 0, -2.25, -72})
                .xyztUnits(2 | 16)
                .descrip("round trip \u00e9 " + version)
                .auxFile("aux.txt")
                .intent(1002, 1.5, 2.5, -3.5, "t-test")
                .calRange(-5, 250)
                .slices(3, 1, 2, 0.0625)
                .toffset(0.5)
                .dimInfo(0x39)
                .build();
    }

    @Test
    void headerFieldsSurviveReadWriteRead() throws IOException {
        for (NiftiDatatype type : NiftiDatatype.values()) {
            for (int version = 1; version <= 2; version++) {
                NiftiHeader h = richHeader(version, type);
                float[] data = new float[h.voxelCount()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) ((i % 40) * 0.5 - 10.25); // raw 0..39 under the scaling
                }
                NiftiVolume v = NiftiVolume.of(h, data);
                NiftiWriteOptions o = new NiftiWriteOptions(true, type, version,
                        ByteOrder.BIG_ENDIAN);
                byte[] first = write(v, o);
                NiftiVolume once = read(first, "first.nii.gz");
                NiftiHeader expected = type.isInteger() ? h : h.withScaling(1, 0);
                assertEquals(expected, once.header(), type + " v" + version + ": header");
                assertArrayEquals(new int[] {5, 4, 3}, once.shape(), "4D with one volume is 3D");
                assertSameFloats(data, once.data(), type + " v" + version + ": data");
                byte[] second = write(once, o);
                assertArrayEquals(first, second, type + " v" + version + ": second generation");
            }
        }
    }

    @Test
    void scaledIntegerTargetStoresRawValues() throws IOException {
        NiftiHeader h = richHeader(1, NiftiDatatype.INT16);
        float[] data = new float[h.voxelCount()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (i * 0.5 - 10.25);
        }
        byte[] b = write(NiftiVolume.of(h, data), NiftiWriteOptions.defaults(false)
                .withDatatype(NiftiDatatype.INT16));
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length; i++) {
            assertEquals(i, raw.getShort(352 + 2 * i), "raw value " + i);
        }
        assertEquals(0.5f, raw.getFloat(112), "scl_slope");
        assertEquals(-10.25f, raw.getFloat(116), "scl_inter");
    }

    @Test
    void floatTargetKeepsInactiveScaling() throws IOException {
        NiftiVolume v = NiftiVolume.create(new int[] {2, 2}, new float[] {1, 2, 3, 4},
                new double[] {1, 1}, null);
        NiftiVolume nan = v.withHeader(v.header().withScaling(Double.NaN, Double.NaN));
        NiftiHeader back = read(write(nan, NiftiWriteOptions.defaults(false)), "n.nii").header();
        assertTrue(Double.isNaN(back.sclSlope()) && Double.isNaN(back.sclInter()),
                "NaN scaling kept: " + back);
        NiftiVolume active = v.withHeader(v.header().withScaling(2, 1));
        NiftiVolume b = read(write(active, NiftiWriteOptions.defaults(false)), "a.nii");
        assertEquals(1, b.header().sclSlope(), 0, "active scaling replaced for float targets");
        assertEquals(0, b.header().sclInter(), 0);
        assertSameFloats(v.data(), b.data(), "values stored as they are");
    }

    @Test
    void callerStreamStaysOpenAndGzipIsFinished() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        NiftiVolume v = NiftiVolume.create(new int[] {3, 3, 3}, new float[27],
                new double[] {1, 1, 1}, null);
        NiftiWriter.write(v, out, true);
        int gzLength = out.size();
        out.write("TAIL".getBytes(StandardCharsets.US_ASCII));
        assertFalse(closed[0], "writer closed the caller's stream");
        byte[] all = out.toByteArray();
        assertEquals("TAIL", new String(all, gzLength, 4, StandardCharsets.US_ASCII));
        assertEquals(v, read(Arrays.copyOf(all, gzLength), "v.nii.gz"));
    }

    @Test
    void nifti1LimitsAreReported() {
        NiftiVolume big = NiftiVolume.create(new int[] {40000, 1}, new float[40000],
                new double[] {1, 1}, null);
        assertEquals("dim[1] is 40000; NIfTI-1 stores it in 16 bits (-32768 to 32767): write"
                + " NIfTI-2 instead", assertThrows(IllegalArgumentException.class,
                        () -> write(big, NiftiWriteOptions.defaults(false))).getMessage());
        NiftiVolume ok2 = NiftiVolume.of(big.header().withVersion(2), new float[40000]);
        assertDoesNotThrowIo(() -> read(write(ok2, NiftiWriteOptions.defaults(false)
                .withVersion(2)), "big2.nii"));
    }

    private interface IoAction {
        Object run() throws IOException;
    }

    private static void assertDoesNotThrowIo(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }
}
