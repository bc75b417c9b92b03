package org.istn.train;

import java.util.Arrays;
import org.istn.config.LossType;
import org.istn.config.ModelType;
import org.istn.config.StnType;

/**
 * Everything needed to build a {@link DomainAdaptationModel} on an executor.
 *
 * @param inputShape NIfTI-order image shape
 * @param bidirectional two ISTNs and two discriminators (CycleGAN-like) instead of one of each
 * @param itn whether the ISTNs have an image transformer
 * @param stn the spatial transformer type
 * @param maxDisplacement B-spline bound (fraction of the extent)
 * @param cpSpacing B-spline control-point spacing (voxels per axis)
 * @param nf base width of the ITN, STN and discriminators
 * @param gan adversarial loss of the ISTN objective
 * @param idt identity loss
 * @param dis discriminator loss
 * @param disInstanceNorm whether the discriminators have instance norm ({@code dis_norm})
 * @param cyc cycle loss (bidirectional only; null otherwise)
 * @param cycWeight λ: identity weight λ/2, cycle weight λ
 * @param taskWeight weight of the task loss on A2B in the ISTN objective (0 = stop-gradient)
 * @param learningRate Adam learning rate of every network
 * @param seed initialisation seed
 * @param modelType the task model type
 * @param numClasses task model outputs
 * @param taskModel a trained task model file's bytes to fine-tune, or null to start from scratch
 */
public record DomainAdaptationRecipe(int[] inputShape, boolean bidirectional, boolean itn, StnType stn,
        double maxDisplacement, int[] cpSpacing, int nf, LossType gan, LossType idt, LossType dis,
        boolean disInstanceNorm, LossType cyc, double cycWeight, double taskWeight, double learningRate, long seed,
        ModelType modelType, int numClasses, byte[] taskModel)
        implements ModelRecipe<DomainAdaptationModel> {

    /** Width of a task model trained from scratch (the reference LeNet's nf). */
    public static final int TASK_NF = 4;

    @Override
    public DomainAdaptationModel build() {
        return new DomainAdaptationModel(this);
    }

    @Override
    public String key() {
        return "da:" + Arrays.toString(inputShape) + bidirectional + itn + stn + maxDisplacement
                + Arrays.toString(cpSpacing) + nf + gan + idt + dis + (disInstanceNorm ? "/in" : "/none") + cyc
                + cycWeight + "/" + taskWeight + learningRate + seed
                + modelType + numClasses + ":" + (taskModel == null ? "scratch"
                : taskModel.length + "/" + Arrays.hashCode(taskModel));
    }
}
