package org.istn.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * LeNet-style classifier (the reference's LeNet3D classifier, 2D or 3D): six 5×5(×5) stride-2
 * convolutions at widths 2nf, 4nf, 8nf, 16nf, 32nf, 32nf (nf = 4 gives the reference's 8 … 128),
 * batch norm after all but the first, ReLU; global average pooling and a dense layer to
 * {@code num_classes} logits {@code [N, num_classes]}. One class means binary (sigmoid of the
 * logit is P(label = 1)); more mean softmax over the classes.
 */
public record LeNetClassifier(int[] inputShape, int nf, int numClasses) implements Network {

    public LeNetClassifier {
        Shapes.dims("classifier", inputShape);
        if (nf < 1 || numClasses < 1) {
            throw new IllegalArgumentException("classifier needs nf >= 1 and num_classes >= 1, found nf " + nf
                    + ", num_classes " + numClasses);
        }
        inputShape = inputShape.clone();
    }

    @Override
    public String kind() {
        return "classifier";
    }

    @Override
    public SDVariable build(NetBuilder b, SDVariable x) {
        int[] widths = {2 * nf, 4 * nf, 8 * nf, 16 * nf, 32 * nf, 32 * nf};
        SDVariable h = x;
        int in = 1;
        for (int i = 0; i < widths.length; i++) {
            h = b.conv("conv" + i, h, in, widths[i], 5, 2, 2, NetBuilder.Init.HE);
            if (i > 0) {
                h = b.batchNorm("conv" + i + "_bn", h, widths[i]);
            }
            h = b.relu(h);
            in = widths[i];
        }
        return b.dense("logits", b.globalAveragePool(h), in, numClasses, NetBuilder.Init.XAVIER);
    }
}
