package org.istn.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * LeNet-style regressor (the reference's LeNet3D regressor, 2D or 3D): 5×5(×5) convolutions at nf
 * and 2nf, each with ReLU and 2× max pooling, then dense layers 128, 64, 32 with ReLU and a linear
 * output {@code [N, 1]}. The first dense layer sees the whole pooled map, so its size follows
 * {@code input_shape}.
 */
public record LeNetRegressor(int[] inputShape, int nf) implements Network {

    public LeNetRegressor {
        Shapes.dims("regressor", inputShape);
        if (nf < 1) {
            throw new IllegalArgumentException("regressor nf must be >= 1, found " + nf);
        }
        for (int n : inputShape) {
            if (n < 4) {
                throw new IllegalArgumentException("regressor needs every axis of input_shape >= 4 (two 2x poolings),"
                        + " found " + java.util.Arrays.toString(inputShape));
            }
        }
        inputShape = inputShape.clone();
    }

    @Override
    public String kind() {
        return "regressor";
    }

    @Override
    public SDVariable build(NetBuilder b, SDVariable x) {
        SDVariable h = b.maxPool2(b.relu(b.conv("conv0", x, 1, nf, 5, 1, 2, NetBuilder.Init.HE)));
        h = b.maxPool2(b.relu(b.conv("conv1", h, nf, 2 * nf, 5, 1, 2, NetBuilder.Init.HE)));
        long flat = 2L * nf;
        for (int n : inputShape) {
            flat *= n / 4;
        }
        h = h.reshape(-1, flat);
        h = b.relu(b.dense("fc0", h, (int) flat, 128, NetBuilder.Init.HE));
        h = b.relu(b.dense("fc1", h, 128, 64, NetBuilder.Init.HE));
        h = b.relu(b.dense("fc2", h, 64, 32, NetBuilder.Init.HE));
        return b.dense("out", h, 32, 1, NetBuilder.Init.XAVIER);
    }
}
