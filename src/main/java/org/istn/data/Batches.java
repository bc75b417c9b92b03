package org.istn.data;

import java.util.Arrays;
import java.util.List;
import org.istn.nn.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Samples ↔ network batches. A sample's voxels are x-fastest (NIfTI order), which is exactly the
 * C order of the graph layout {@code [N, 1, (D,) H, W]}, so a batch is the images back to back.
 */
public final class Batches {

    private Batches() {}

    /** The images as one float batch {@code [N, 1, (D,) H, W]}; all samples must share a shape. */
    public static INDArray images(List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("an empty batch");
        }
        int[] shape = samples.get(0).shape();
        int n = samples.get(0).image().length;
        float[] all = new float[samples.size() * n];
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (!Arrays.equals(s.shape(), shape)) {
                throw new IllegalArgumentException("sample " + s.id() + " has shape " + Arrays.toString(s.shape())
                        + ", the batch " + Arrays.toString(shape));
            }
            System.arraycopy(s.image(), 0, all, i * n, n);
        }
        return Nd4j.create(all, Shapes.graphShape(shape, samples.size(), 1), 'c');
    }

    /** The labels as {@code [N]} (float; NaN where a sample has none). */
    public static INDArray labels(List<Sample> samples) {
        float[] l = new float[samples.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = samples.get(i).label();
        }
        return Nd4j.create(l, new long[] {l.length}, 'c');
    }

    /** Image {@code i} of a batch {@code [N, 1, ...]} as x-fastest floats. */
    public static float[] image(INDArray batch, int i) {
        return batch.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup('c').castTo(DataType.FLOAT)
                .data().asFloat();
    }
}
