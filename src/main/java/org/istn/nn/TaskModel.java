package org.istn.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The task model seam: what the jobs need of a classifier or regressor, whatever builds it (the
 * project's SameDiff LeNets, or any DL4J {@code ComputationGraph}).
 */
public interface TaskModel extends StatefulModel {

    /** How the model's output is read. */
    enum Kind { BINARY, MULTICLASS, REGRESSOR }

    /** Binary, multi-class or regressor. */
    Kind kind();

    /** Number of outputs: the classes of a MULTICLASS model, else 1. */
    int numClasses();

    /**
     * Predictions for a batch {@code [N, 1, (D,) H, W]}: P(label = 1) {@code [N]} for a binary
     * classifier, class probabilities {@code [N, K]} for K > 1 classes, values {@code [N]} for a
     * regressor. Inference mode (running statistics, no dropout).
     */
    INDArray predict(INDArray x);

    /**
     * One optimiser step on a batch.
     *
     * @param labels {@code [N]}: 0/1 for binary, class index for K classes, target for a regressor
     * @return the batch loss before the step
     */
    double fit(INDArray x, INDArray labels);

    /**
     * The gradient of the batch's mean training loss with respect to the input {@code x}, in
     * training mode (batch statistics) at the current parameters; parameters, running statistics
     * and optimiser state are left unchanged. Lets a loss on the task model's output train what
     * produced its input (the ISTN, with {@code task_weight > 0}).
     *
     * @param labels as for {@link #fit}
     */
    INDArray inputGradient(INDArray x, INDArray labels);
}
