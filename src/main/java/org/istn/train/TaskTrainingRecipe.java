package org.istn.train;

import java.util.Arrays;
import org.istn.config.ModelType;
import org.istn.nn.SameDiffTaskModel;

/**
 * How to build the SameDiff task model of {@code train-task} on a worker: the project's LeNet
 * classifier or regressor ({@link SameDiffTaskModel#lenet}) with Adam.
 *
 * @param inputShape NIfTI-order image shape
 * @param modelType classifier or regressor
 * @param nf base width ({@code nf})
 * @param numClasses 1 = binary (or a regressor), K &gt; 1 classes
 * @param learningRate Adam's learning rate
 * @param seed initial weights
 */
public record TaskTrainingRecipe(int[] inputShape, ModelType modelType, int nf, int numClasses, double learningRate,
        long seed) implements ModelRecipe<TaskTrainingModel> {

    @Override
    public TaskTrainingModel build() {
        return new TaskTrainingModel(SameDiffTaskModel.lenet(modelType == ModelType.REGRESSOR, inputShape, nf,
                numClasses, learningRate, seed));
    }

    @Override
    public String key() {
        return "task:" + Arrays.toString(inputShape) + modelType + nf + ":" + numClasses + ":" + learningRate + ":"
                + seed;
    }
}
