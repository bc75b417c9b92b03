package org.istn.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Datatype codes and sizes, and the unsigned 64-bit conversions of the voxel codec. */
class NiftiDatatypeTest {

    @Test
    void codesAndSizes() throws NiftiFormatException {
        int[][] expected = {{2, 1}, {4, 2}, {8, 4}, {16, 4}, {64, 8}, {256, 1}, {512, 2},
            {768, 4}, {1024, 8}, {1280, 8}};
        NiftiDatatype[] types = NiftiDatatype.values();
        assertEquals(expected.length, types.length, "number of types");
        for (int i = 0; i < types.length; i++) {
            assertEquals(expected[i][0], types[i].code(), types[i] + " code");
            assertEquals(expected[i][1], types[i].bytesPerVoxel(), types[i] + " bytes");
            assertEquals(types[i], NiftiDatatype.fromCode(expected[i][0], "t"), "fromCode");
        }
    }

    @Test
    void unsupportedCodesNameTheSource() {
        assertEquals("a.nii: unsupported NIfTI datatype 1792 (complex128); supported: uint8,"
                + " int8, int16, uint16, int32, uint32, int64, uint64, float32, float64",
                assertThrows(NiftiFormatException.class,
                        () -> NiftiDatatype.fromCode(1792, "a.nii")).getMessage());
    }

    @Test
    void unsigned64BitConversionsAreCorrectlyRounded() {
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        SplittableRandom rng = new SplittableRandom(11);
        long[] fixed = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, -2, 0x8000_0000_0000_0400L,
            0x8000_0000_0000_0401L, 0x8000_0000_0000_0C00L, 0xFFFF_FFFF_FFFF_FC00L};
        for (int i = 0; i < 100_000 + fixed.length; i++) {
            long v = i < fixed.length ? fixed[i] : rng.nextLong();
            BigInteger u = new BigInteger(Long.toUnsignedString(v));
            double exact = new BigDecimal(u).round(MathContext.DECIMAL128).doubleValue();
            // BigDecimal.doubleValue is correctly rounded; DECIMAL128 keeps all 20 digits
            assertEquals(exact, VoxelCodec.unsignedToDouble(v), 0, Long.toUnsignedString(v));
            if (u.compareTo(two64.subtract(BigInteger.valueOf(2048))) <= 0) {
                double d = new BigDecimal(u).doubleValue();
                BigInteger back = new BigDecimal(d).toBigInteger().min(two64.subtract(BigInteger.ONE));
                assertEquals(back.longValue(), VoxelCodec.doubleToUnsigned(d), "to uint64: " + d);
            }
        }
        assertEquals(-1L, VoxelCodec.doubleToUnsigned(0x1p64), "saturates at 2^64 - 1");
        assertEquals(0L, VoxelCodec.doubleToUnsigned(-5), "saturates at 0");
    }
}
