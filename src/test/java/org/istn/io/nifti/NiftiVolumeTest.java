package org.istn.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** Indexing, immutability, validation and Java serialisation of volumes. */
class NiftiVolumeTest {

    private static NiftiVolume ramp() {
        float[] d = new float[4 * 3 * 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return NiftiVolume.create(new int[] {4, 3, 2}, d, new double[] {1, 1, 1}, null);
    }

    @Test
    void indexingIsXFastest() {
        NiftiVolume v = ramp();
        assertEquals(1 + 4 * 2 + 12 * 1, v.get(1, 2, 1), 0);
        assertEquals(23, v.get(23), 0);
        assertEquals("voxel (4, 0, 0) is outside shape [4, 3, 2]",
                assertThrows(IndexOutOfBoundsException.class, () -> v.get(4, 0, 0)).getMessage());
        assertEquals("volume has shape [4, 3, 2]; use get(x, y, z)",
                assertThrows(IllegalStateException.class, () -> v.get(1, 1)).getMessage());
        NiftiVolume flat = NiftiVolume.create(new int[] {2, 3}, new float[] {0, 1, 2, 3, 4, 5},
                new double[] {1, 1}, null);
        assertEquals(5, flat.get(1, 2), 0);
        assertEquals(5, flat.get(1, 2, 0), 0);
    }

    @Test
    void voxelsCannotBeChangedFromOutside() {
        float[] d = new float[24];
        NiftiVolume v = NiftiVolume.create(new int[] {4, 3, 2}, d, new double[] {1, 1, 1}, null);
        d[0] = 9;
        v.data()[1] = 9;
        FloatBuffer view = v.buffer();
        assertTrue(view.isReadOnly(), "read-only view");
        assertEquals(0, v.get(0), 0);
        assertEquals(0, v.get(1), 0);
    }

    @Test
    void dataLengthMustMatchShape() {
        assertEquals("data has 5 values; header dims [2, 3] need 6",
                assertThrows(IllegalArgumentException.class, () -> NiftiVolume.create(
                        new int[] {2, 3}, new float[5], new double[] {1, 1}, null)).getMessage());
    }

    @Test
    void javaSerialisationKeepsEverything() throws IOException, ClassNotFoundException {
        NiftiVolume v = ramp();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            NiftiVolume back = (NiftiVolume) in.readObject();
            assertEquals(v, back);
            assertArrayEquals(v.shape(), back.shape());
        }
    }
}
