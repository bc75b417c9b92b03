package org.istn.nn;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Image transformer network: a U-Net with a residual connection, {@code x + f(x)}, that changes
 * intensities, contrast and local appearance but not geometry.
 *
 * <p>Encoder: 3×3(×3) convolutions with batch norm and ReLU at widths nf, 2nf, 4nf, 8nf (stride 2
 * after the first), a bottleneck of two 8nf convolutions; decoder: three times nearest-neighbour
 * ×2 upsampling, convolution and concatenation with the encoder's feature map of that size; an
 * output convolution to one channel whose weights and bias start at zero, so that an untrained
 * ITN is exactly the identity. (The reference applies a final tanh, which would break that; it is
 * left out.) Any {@code input_shape} works: where a stride-2 level rounded an odd size up, the
 * upsampled map is cropped back to the size of the encoder map it joins.
 */
public record Itn(int[] inputShape, int nf) implements Network {

    public Itn {
        Shapes.dims("ITN", inputShape);
        for (int n : inputShape) {
            if (n < 1) {
                throw new IllegalArgumentException("ITN input_shape must be positive, found "
                        + java.util.Arrays.toString(inputShape));
            }
        }
        if (nf < 1) {
            throw new IllegalArgumentException("ITN nf must be >= 1, found " + nf);
        }
        inputShape = inputShape.clone();
    }

    @Override
    public String kind() {
        return "itn";
    }

    @Override
    public SDVariable build(NetBuilder b, SDVariable x) {
        long[] s0 = spatial(Shapes.graphShape(inputShape, 1, 1));
        long[] s1 = half(s0);
        long[] s2 = half(s1);
        SDVariable c0 = block(b, "enc0", x, 1, nf, 1);
        SDVariable c1 = block(b, "enc1", c0, nf, 2 * nf, 2);
        SDVariable c2 = block(b, "enc2", c1, 2 * nf, 4 * nf, 2);
        SDVariable c3 = block(b, "enc3", c2, 4 * nf, 8 * nf, 2);
        SDVariable b0 = block(b, "bottleneck0", c3, 8 * nf, 8 * nf, 1);
        SDVariable b1 = block(b, "bottleneck1", b0, 8 * nf, 8 * nf, 1);
        SDVariable u3 = b.relu(b.conv("dec3", up(b, b1, s2), 8 * nf, 4 * nf, 3, 1, 1, NetBuilder.Init.HE));
        SDVariable u2 = b.relu(b.conv("dec2", up(b, b.concatChannels(u3, c2), s1), 8 * nf, 2 * nf, 3, 1, 1,
                NetBuilder.Init.HE));
        SDVariable u1 = b.relu(b.conv("dec1", up(b, b.concatChannels(u2, c1), s0), 4 * nf, nf, 3, 1, 1,
                NetBuilder.Init.HE));
        SDVariable out = b.conv("out", b.concatChannels(u1, c0), 2 * nf, 1, 3, 1, 1, NetBuilder.Init.ZERO);
        return out.add(x);
    }

    private static SDVariable block(NetBuilder b, String name, SDVariable x, int in, int out, int stride) {
        return b.relu(b.batchNorm(name + "_bn", b.conv(name, x, in, out, 3, stride, 1, NetBuilder.Init.HE), out));
    }

    /** Upsamples by 2 and crops to {@code target} where an odd size was rounded up on the way down. */
    private static SDVariable up(NetBuilder b, SDVariable x, long[] target) {
        SDVariable u = b.upsample2(x);
        boolean crop = false;
        for (long t : target) {
            crop |= t % 2 != 0;
        }
        if (!crop) {
            return u;
        }
        SDIndex[] idx = new SDIndex[target.length + 2];
        idx[0] = SDIndex.all();
        idx[1] = SDIndex.all();
        for (int a = 0; a < target.length; a++) {
            idx[a + 2] = SDIndex.interval(0L, target[a]);
        }
        return u.get(idx);
    }

    private static long[] spatial(long[] graphShape) {
        return java.util.Arrays.copyOfRange(graphShape, 2, graphShape.length);
    }

    /** Size after a 3-wide, stride-2, pad-1 convolution: ceil(n / 2). */
    private static long[] half(long[] s) {
        long[] h = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            h[i] = (s[i] + 1) / 2;
        }
        return h;
    }
}
