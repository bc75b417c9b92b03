package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Both task-model kinds learn a trivially separable task; predictions have the documented shapes. */
class TaskModelTest {

    /** Class k images: a bright square in quadrant k on noise. Returns {x, labels}. */
    private static INDArray[] squares(int n, int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, 16, 16).muli(0.3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            y.putScalar(i, k);
            int oy = (k / 2) * 8;
            int ox = (k % 2) * 8;
            for (int a = 2; a < 6; a++) {
                for (int b = 2; b < 6; b++) {
                    x.putScalar(new int[] {i, 0, oy + a, ox + b}, 1.0f);
                }
            }
        }
        return new INDArray[] {x, y};
    }

    private static double accuracy(INDArray p, INDArray y, int classes) {
        int ok = 0;
        for (int i = 0; i < y.length(); i++) {
            int pred = classes == 1 ? (p.getDouble(i) > 0.5 ? 1 : 0) : p.getRow(i).argMax().getInt(0);
            ok += pred == (int) y.getDouble(i) ? 1 : 0;
        }
        return (double) ok / y.length();
    }

    @Test
    void sameDiffClassifiersAndRegressorLearn() {
        int[] shape = {16, 16};
        for (int classes : new int[] {1, 4}) {
            int k = classes == 1 ? 2 : classes;
            INDArray[] d = squares(16, k, 3);
            SameDiffTaskModel m = new SameDiffTaskModel(
                    new NetworkGraph(new LeNetClassifier(shape, 2, classes), shape, DataType.FLOAT, 1), 0.005);
            double first = m.fit(d[0], d[1]);
            double last = first;
            for (int s = 0; s < 30; s++) {
                last = m.fit(d[0], d[1]);
            }
            INDArray p = m.predict(d[0]);
            assertArrayEquals(classes == 1 ? new long[] {16} : new long[] {16, classes}, p.shape());
            assertTrue(last < 0.3 * first, classes + " classes: loss " + first + " -> " + last);
            assertTrue(accuracy(p, d[1], classes) > 0.9, classes + " classes: accuracy " + accuracy(p, d[1], classes));
        }
        INDArray[] d = squares(16, 4, 4);
        INDArray target = d[1].mul(0.25);
        SameDiffTaskModel r = new SameDiffTaskModel(
                new NetworkGraph(new LeNetRegressor(shape, 2), shape, DataType.FLOAT, 2), 0.002);
        double first = r.fit(d[0], target);
        double last = first;
        for (int s = 0; s < 40; s++) {
            last = r.fit(d[0], target);
        }
        assertArrayEquals(new long[] {16}, r.predict(d[0]).shape());
        assertTrue(last < 0.2 * first, "regressor loss " + first + " -> " + last);
    }

    @Test
    void anyComputationGraphServesAsTaskModel() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01))
                .graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(8).stride(2, 2).activation(Activation.RELU)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out").setInputTypes(InputType.convolutional(16, 16, 1)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        TaskModel m = new ComputationGraphTaskModel(g, TaskModel.Kind.MULTICLASS, 4);
        INDArray[] d = squares(32, 4, 5);
        double first = m.fit(d[0], d[1]);
        double last = first;
        for (int s = 0; s < 60; s++) {
            last = m.fit(d[0], d[1]);
        }
        assertArrayEquals(new long[] {32, 4}, m.predict(d[0]).shape());
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
        assertTrue(accuracy(m.predict(d[0]), d[1], 4) > 0.9);
    }
}
