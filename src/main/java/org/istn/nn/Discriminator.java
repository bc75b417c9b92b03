package org.istn.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Discriminator: one logit per image saying "target site". Convolutions 3×3(×3) at nf, 2nf, 4nf,
 * 8nf, 8nf (stride 2 after the first), instance norm after all but the first, ReLU; global average
 * pooling (so any {@code input_shape} works) and a dense layer to the logit {@code [N, 1]}.
 * (The reference ends with a 4×4×4 convolution on a 4×4×4 map, which fixes the input at 64³.)
 */
public record Discriminator(int[] inputShape, int nf) implements Network {

    public Discriminator {
        Shapes.dims("discriminator", inputShape);
        if (nf < 1) {
            throw new IllegalArgumentException("discriminator nf must be >= 1, found " + nf);
        }
        inputShape = inputShape.clone();
    }

    @Override
    public String kind() {
        return "discriminator";
    }

    @Override
    public SDVariable build(NetBuilder b, SDVariable x) {
        int[] widths = {nf, 2 * nf, 4 * nf, 8 * nf, 8 * nf};
        SDVariable h = x;
        int in = 1;
        for (int i = 0; i < widths.length; i++) {
            h = b.conv("conv" + i, h, in, widths[i], 3, i == 0 ? 1 : 2, 1, NetBuilder.Init.HE);
            if (i > 0) {
                h = b.instanceNorm("conv" + i + "_in", h, widths[i]);
            }
            h = b.relu(h);
            in = widths[i];
        }
        return b.dense("logit", b.globalAveragePool(h), in, 1, NetBuilder.Init.XAVIER);
    }
}
