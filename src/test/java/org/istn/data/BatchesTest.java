package org.istn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchesTest {

    @Test
    void imagesKeepXFastestOrderAndRoundTrip() {
        // shape x=3, y=2: voxel (x, y) at index x + 3y; graph layout [N, 1, H=2, W=3]
        Sample a = new Sample("a", 1, new int[] {3, 2}, new float[] {0, 1, 2, 3, 4, 5}, 1f);
        Sample b = new Sample("b", 2, new int[] {3, 2}, new float[] {6, 7, 8, 9, 10, 11}, Float.NaN);
        INDArray batch = Batches.images(List.of(a, b));
        assertArrayEquals(new long[] {2, 1, 2, 3}, batch.shape());
        assertEquals(5.0, batch.getDouble(0, 0, 1, 2), 0.0, "x=2, y=1 of the first image");
        assertEquals(6.0, batch.getDouble(1, 0, 0, 0), 0.0);
        assertArrayEquals(b.image(), Batches.image(batch, 1));
        INDArray labels = Batches.labels(List.of(a, b));
        assertEquals(1.0, labels.getDouble(0), 0.0);
        assertTrue(Double.isNaN(labels.getDouble(1)));
    }

    @Test
    void mixedShapesAreAnError() {
        Sample a = new Sample("a", 1, new int[] {2, 2}, new float[4], 0f);
        Sample b = new Sample("b", 2, new int[] {4, 1}, new float[4], 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Batches.images(List.of(a, b)));
        assertEquals("sample b has shape [4, 1], the batch [2, 2]", e.getMessage());
    }
}
