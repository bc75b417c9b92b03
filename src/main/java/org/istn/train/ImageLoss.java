package org.istn.train;

import org.istn.config.LossType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The image-to-image losses of the ISTN objective (identity and cycle terms): the mean over all
 * voxels of {@code |p − t|} (l1) or {@code (p − t)²} (mse), with the gradient with respect to
 * {@code p}. (bce compares probabilities, not intensities; the configuration rejects it here.)
 */
public final class ImageLoss {

    private final LossType type;

    public ImageLoss(LossType type) {
        if (type == LossType.BCE) {
            throw new IllegalArgumentException("bce is a loss on probabilities; an image loss is l1 or mse");
        }
        this.type = type;
    }

    /** Value and d value / d prediction. */
    public record Result(double value, INDArray gradient) {}

    public Result of(INDArray prediction, INDArray target) {
        INDArray d = prediction.sub(target.castTo(prediction.dataType()));
        double n = d.length();
        if (type == LossType.L1) {
            double v = Transforms.abs(d, true).sumNumber().doubleValue() / n;
            return new Result(v, Transforms.sign(d, false).divi(n));
        }
        double v = d.mul(d).sumNumber().doubleValue() / n;
        return new Result(v, d.muli(2.0 / n));
    }
}
