package org.istn.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Discriminator: one logit per image saying "target site". Convolutions 3×3(×3) at nf, 2nf, 4nf,
 * 8nf, 8nf (stride 2 after the first), instance norm after all but the first when
 * {@code instanceNorm} (and after none whose map has shrunk to one voxel: normalising a single
 * value would make the logit independent of the image), ReLU; global average
 * pooling (so any {@code input_shape} works) and a dense layer to the logit {@code [N, 1]}.
 * (The reference ends with a 4×4×4 convolution on a 4×4×4 map, which fixes the input at 64³.)
 *
 * <p>Instance norm (the reference's choice) makes the logit blind to a global gain of the image:
 * with zero biases, as initialised, D(c·x) = D(x) for c &gt; 0. Without it the discriminator sees
 * absolute intensities and how much of the volume the object fills (config key {@code dis_norm}).
 */
public record Discriminator(int[] inputShape, int nf, boolean instanceNorm) implements Network {

    public Discriminator {
        Shapes.dims("discriminator", inputShape);
        if (nf < 1) {
            throw new IllegalArgumentException("discriminator nf must be >= 1, found " + nf);
        }
        inputShape = inputShape.clone();
    }

    /** The reference's discriminator, with instance norm. */
    public Discriminator(int[] inputShape, int nf) {
        this(inputShape, nf, true);
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
        int[] size = inputShape.clone();
        for (int i = 0; i < widths.length; i++) {
            int stride = i == 0 ? 1 : 2;
            h = b.conv("conv" + i, h, in, widths[i], 3, stride, 1, NetBuilder.Init.HE);
            long voxels = 1;
            for (int a = 0; a < size.length; a++) {
                size[a] = Shapes.convOut(size[a], 3, stride, 1);
                voxels *= size[a];
            }
            if (instanceNorm && i > 0 && voxels > 1) { // on a single voxel instance norm would erase the input
                h = b.instanceNorm("conv" + i + "_in", h, widths[i]);
            }
            h = b.relu(h);
            in = widths[i];
        }
        return b.dense("logit", b.globalAveragePool(h), in, 1, NetBuilder.Init.XAVIER);
    }
}
