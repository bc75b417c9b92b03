package org.istn.nn.warp;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code INDArray} conveniences: copy to C-order Java arrays, run the array code, wrap the
 * result. FLOAT arrays take the float path, DOUBLE arrays the double path; arrays of one call
 * must share the type.
 */
final class Nd4jArrays {

    private Nd4jArrays() {}

    static INDArray sample(GridSampler sampler, INDArray input, INDArray grid) {
        DataType type = commonType("grid_sample", new String[] {"input", "grid"}, input, grid);
        long[] outShape = GridSampler.outputShape(input.shape(), grid.shape());
        if (type == DataType.FLOAT) {
            return Nd4j.create(sampler.forward(floats(input), input.shape(), floats(grid),
                    grid.shape()), outShape, DataType.FLOAT);
        }
        return Nd4j.create(sampler.forward(doubles(input), input.shape(), doubles(grid),
                grid.shape()), outShape, DataType.DOUBLE);
    }

    static SamplerGradients<INDArray> sampleBackward(GridSampler sampler, INDArray input,
            INDArray grid, INDArray gradOutput) {
        DataType type = commonType("grid_sample", new String[] {"input", "grid", "output gradient"},
                input, grid, gradOutput);
        long[] outShape = GridSampler.outputShape(input.shape(), grid.shape());
        if (!Arrays.equals(outShape, gradOutput.shape())) {
            throw new IllegalArgumentException("grid_sample output gradient has shape "
                    + WarpShapes.format(gradOutput.shape()) + ", expected the output shape "
                    + WarpShapes.format(outShape));
        }
        if (type == DataType.FLOAT) {
            SamplerGradients<float[]> g = sampler.backward(floats(input), input.shape(),
                    floats(grid), grid.shape(), floats(gradOutput));
            return new SamplerGradients<>(Nd4j.create(g.input(), input.shape(), DataType.FLOAT),
                    Nd4j.create(g.grid(), grid.shape(), DataType.FLOAT));
        }
        SamplerGradients<double[]> g = sampler.backward(doubles(input), input.shape(),
                doubles(grid), grid.shape(), doubles(gradOutput));
        return new SamplerGradients<>(Nd4j.create(g.input(), input.shape(), DataType.DOUBLE),
                Nd4j.create(g.grid(), grid.shape(), DataType.DOUBLE));
    }

    static INDArray affineGrid(INDArray theta, long[] size, boolean alignCorners) {
        DataType type = commonType("affine_grid", new String[] {"theta"}, theta);
        checkShape("affine_grid theta", theta.shape(), AffineGrid.thetaShape(size), size);
        long[] gridShape = AffineGrid.gridShape(size);
        return type == DataType.FLOAT
                ? Nd4j.create(AffineGrid.forward(floats(theta), size, alignCorners), gridShape,
                        DataType.FLOAT)
                : Nd4j.create(AffineGrid.forward(doubles(theta), size, alignCorners), gridShape,
                        DataType.DOUBLE);
    }

    static INDArray affineGridBackward(INDArray gradGrid, long[] size, boolean alignCorners) {
        DataType type = commonType("affine_grid", new String[] {"grid gradient"}, gradGrid);
        checkShape("affine_grid grid gradient", gradGrid.shape(), AffineGrid.gridShape(size), size);
        long[] thetaShape = AffineGrid.thetaShape(size);
        return type == DataType.FLOAT
                ? Nd4j.create(AffineGrid.backward(floats(gradGrid), size, alignCorners), thetaShape,
                        DataType.FLOAT)
                : Nd4j.create(AffineGrid.backward(doubles(gradGrid), size, alignCorners),
                        thetaShape, DataType.DOUBLE);
    }

    /** The elements of {@code a} in C order, as a new array. */
    static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    /** The elements of {@code a} in C order, as a new array. */
    static double[] doubles(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    private static void checkShape(String what, long[] found, long[] expected, long[] size) {
        if (!Arrays.equals(found, expected)) {
            throw new IllegalArgumentException(what + " has shape " + WarpShapes.format(found)
                    + ", expected " + WarpShapes.format(expected) + " for size "
                    + WarpShapes.format(size));
        }
    }

    /** FLOAT or DOUBLE, shared by all {@code arrays}; otherwise fails naming each type. */
    private static DataType commonType(String op, String[] names, INDArray... arrays) {
        for (int i = 0; i < arrays.length; i++) {
            WarpShapes.notNull(arrays[i], op + " " + names[i]);
        }
        DataType first = arrays[0].dataType();
        boolean ok = first == DataType.FLOAT || first == DataType.DOUBLE;
        for (INDArray a : arrays) {
            ok &= a.dataType() == first;
        }
        if (!ok) {
            StringBuilder found = new StringBuilder();
            for (int i = 0; i < arrays.length; i++) {
                found.append(i == 0 ? "" : ", ").append(names[i]).append(' ')
                        .append(arrays[i].dataType());
            }
            throw new IllegalArgumentException(op + " needs FLOAT or DOUBLE arrays of one data type, "
                    + "found " + found);
        }
        return first;
    }
}
