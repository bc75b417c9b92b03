package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SameDiffTaskModel#inputGradient} for every kind of task model, 2D (12×12) and 3D (8×8×8),
 * batch 4, in double precision: against central differences (h = 1e-5) of the batch's mean loss,
 * which the test computes itself from the network's training-mode output (binary cross-entropy on
 * the logit, softmax cross-entropy, mean squared error), on 16 input entries spread over the batch; tolerance 1e-6
 * relative to the largest gradient entry. The call changes no state, and training after it is
 * bit for bit what it would have been without it.
 */
class SameDiffTaskInputGradientTest {
    private static final int N = 4;
    /** Input entries checked by central differences per case (two forward passes each). */
    private static final int PROBES = 16;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (int[] shape : new int[][] {{12, 12}, {8, 8, 8}}) {
            for (TaskModel.Kind k : TaskModel.Kind.values()) {
                s.add(Arguments.of(k, shape));
            }
        }
        return s.build();
    }

    private static SameDiffTaskModel model(TaskModel.Kind kind, int[] shape, DataType dtype, long seed) {
        Network net = kind == TaskModel.Kind.REGRESSOR ? new LeNetRegressor(shape, 2)
                : new LeNetClassifier(shape, 2, kind == TaskModel.Kind.MULTICLASS ? 3 : 1);
        return new SameDiffTaskModel(new NetworkGraph(net, shape, dtype, seed), 1e-3);
    }

    private static INDArray labels(TaskModel.Kind kind) {
        return switch (kind) {
            case MULTICLASS -> Nd4j.createFromArray(0.0, 2, 1, 2);
            case BINARY -> Nd4j.createFromArray(0.0, 1, 1, 0);
            case REGRESSOR -> Nd4j.createFromArray(0.3, -0.2, 0.9, 0.1);
        };
    }

    private static INDArray input(int[] shape, DataType dtype, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, Shapes.graphShape(shape, N, 1)).castTo(dtype);
    }

    /** The mean training loss, written out here from the network's training-mode output [N, K]. */
    private static double meanLoss(SameDiffTaskModel m, INDArray x, INDArray y) {
        INDArray z = m.network().output(x, true);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double t = y.getDouble(i);
            switch (m.kind()) {
                case REGRESSOR -> sum += (z.getDouble(i, 0) - t) * (z.getDouble(i, 0) - t);
                case BINARY -> {
                    double p = 1 / (1 + Math.exp(-z.getDouble(i, 0)));
                    sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
                }
                case MULTICLASS -> {
                    double norm = 0;
                    for (int c = 0; c < z.size(1); c++) {
                        norm += Math.exp(z.getDouble(i, c));
                    }
                    sum -= z.getDouble(i, (int) t) - Math.log(norm);
                }
            }
        }
        return sum / N;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesCentralDifferencesOfTheMeanTrainingLoss(TaskModel.Kind kind, int[] shape) {
        SameDiffTaskModel m = model(kind, shape, DataType.DOUBLE, 3);
        INDArray x = input(shape, DataType.DOUBLE, 5);
        INDArray xCopy = x.dup();
        INDArray y = labels(kind);

        INDArray g = m.inputGradient(x, y);

        assertArrayEquals(x.shape(), g.shape());
        assertEquals(DataType.DOUBLE, g.dataType());
        same(xCopy, x, "the caller's input is untouched");
        double scale = g.amaxNumber().doubleValue();
        assertTrue(scale > 1e-6, "a non-trivial gradient, largest entry " + scale);
        double h = 1e-5;
        INDArray flat = x.reshape(-1);
        double worst = 0;
        for (int i = 0; i < PROBES; i++) {
            int k = (int) ((131L * i + 13) % flat.length()); // 131 is prime: distinct entries, every sample
            INDArray xp = x.dup();
            xp.reshape(-1).putScalar(k, flat.getDouble(k) + h);
            INDArray xm = x.dup();
            xm.reshape(-1).putScalar(k, flat.getDouble(k) - h);
            double fd = (meanLoss(m, xp, y) - meanLoss(m, xm, y)) / (2 * h);
            double err = Math.abs(fd - g.reshape(-1).getDouble(k)) / scale;
            worst = Math.max(worst, err);
            assertTrue(err < 1e-6, "d loss / d x[" + k + "]: analytic " + g.reshape(-1).getDouble(k) + ", central "
                    + fd + ", error " + err + " of the largest entry " + scale);
        }
        System.out.printf("input gradient %s %dD: max FD error %.3g of the largest entry %.3g%n", kind, shape.length,
                worst, scale);
        // fit's loss is the same mean loss, at the same (still unchanged) parameters
        assertEquals(meanLoss(m, x, y), m.fit(x, y), 1e-12);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void changesNoStateAndLaterTrainingIsBitIdentical(TaskModel.Kind kind, int[] shape) {
        SameDiffTaskModel m1 = model(kind, shape, DataType.FLOAT, 7);
        SameDiffTaskModel m2 = model(kind, shape, DataType.FLOAT, 7);
        INDArray y = labels(kind);
        INDArray x0 = input(shape, DataType.FLOAT, 1);
        assertEquals(m1.fit(x0, y), m2.fit(x0, y), 0.0);
        assertEquals(m1.fit(x0.mul(0.5), y), m2.fit(x0.mul(0.5), y), 0.0); // Adam state and running stats non-trivial

        Map<String, INDArray> before = m1.exportState();
        INDArray x1 = input(shape, DataType.FLOAT, 2);
        INDArray g1 = m1.inputGradient(x1, y);
        INDArray g1Copy = g1.dup();
        INDArray other = m1.inputGradient(Nd4j.concat(0, x1, x1), Nd4j.concat(0, y, y)); // another batch size
        same(g1Copy, g1, "a later call does not overwrite an earlier result");
        same(g1, m1.inputGradient(x1, y), "the same batch gives the same gradient");
        assertEquals(2 * N, other.size(0));

        Map<String, INDArray> after = m1.exportState();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> same(v, after.get(k), k + " unchanged by inputGradient"));
        for (String k : after.keySet()) {
            assertTrue(!k.equals(NetworkGraph.INPUT), "the graph input is not state");
        }

        INDArray x2 = input(shape, DataType.FLOAT, 3);
        assertEquals(m2.fit(x2, y), m1.fit(x2, y), 0.0, "fit after inputGradient");
        Map<String, INDArray> s1 = m1.exportState();
        m2.exportState().forEach((k, v) -> same(v, s1.get(k), k + " after fit"));
        same(m2.predict(x1), m1.predict(x1), "predictions after fit");
    }

    @Test
    void theGraphInputIsNeitherAParameterNorSaved() throws Exception {
        SameDiffTaskModel m = model(TaskModel.Kind.BINARY, new int[] {12, 12}, DataType.FLOAT, 1);
        m.inputGradient(input(new int[] {12, 12}, DataType.FLOAT, 1), labels(TaskModel.Kind.BINARY));
        assertTrue(!m.network().parameterNames().contains(NetworkGraph.INPUT));
        assertTrue(!m.network().variableNames().contains(NetworkGraph.INPUT));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TaskModelStore.save(m, Provenance.now(1, "test", Map.of()), bytes);
        TaskModel loaded = TaskModelStore.load(new java.io.ByteArrayInputStream(bytes.toByteArray()), "mem", 1e-3)
                .model();
        INDArray x = input(new int[] {12, 12}, DataType.FLOAT, 4);
        same(m.predict(x), loaded.predict(x), "predictions of the reloaded model");
        assertEquals(m.exportState().keySet(), loaded.exportState().keySet());
    }

    /** Same shape and bit-identical values (INDArray#equals allows a tolerance). */
    private static void same(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertArrayEquals(expected.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(),
                actual.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 0.0, what);
    }
}
