package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TaskModel#inputGradient} of the DL4J task model against central differences of the
 * graph's own training-mode score, in double precision (tolerance 1e-6 relative to the largest
 * gradient entry, with h = 1e-5), for every kind of task model; and the call changes nothing.
 */
class TaskInputGradientTest {
    private static final int SIDE = 12;
    private static final int N = 4;

    private static ComputationGraphTaskModel model(TaskModel.Kind kind, DataType dtype) {
        int classes = kind == TaskModel.Kind.MULTICLASS ? 3 : 1;
        Dl4jLeNet net = new Dl4jLeNet(kind, new int[] {SIDE, SIDE}, 2, classes);
        ComputationGraph g = new ComputationGraph(net.configuration(1e-3, 11));
        g.init();
        return new ComputationGraphTaskModel(dtype == DataType.DOUBLE ? g.convertDataType(DataType.DOUBLE) : g,
                kind, classes);
    }

    private static INDArray labels(TaskModel.Kind kind) {
        return switch (kind) {
            case MULTICLASS -> Nd4j.createFromArray(0.0, 2, 1, 2);
            case BINARY -> Nd4j.createFromArray(0.0, 1, 1, 0);
            case REGRESSOR -> Nd4j.createFromArray(0.3, -0.2, 0.9, 0.1);
        };
    }

    @ParameterizedTest
    @EnumSource(TaskModel.Kind.class)
    void matchesCentralDifferencesOfTheTrainingScore(TaskModel.Kind kind) {
        ComputationGraphTaskModel m = model(kind, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, 1, SIDE, SIDE);
        INDArray y = labels(kind);
        INDArray yArr = ComputationGraphTaskModel.labelArray(kind, m.numClasses(), y, DataType.DOUBLE);
        INDArray before = m.graph().params().dup();

        INDArray g = m.inputGradient(x, y);

        assertArrayEquals(x.shape(), g.shape());
        assertEquals(0.0, before.sub(m.graph().params()).amaxNumber().doubleValue(), 0.0,
                "parameters and running statistics unchanged");
        double scale = g.amaxNumber().doubleValue();
        assertTrue(scale > 1e-6, "a non-trivial gradient");
        double h = 1e-5;
        INDArray flat = x.reshape(-1);
        for (int k = 0; k < flat.length(); k += 37) {
            INDArray xp = x.dup();
            xp.reshape(-1).putScalar(k, flat.getDouble(k) + h);
            INDArray xm = x.dup();
            xm.reshape(-1).putScalar(k, flat.getDouble(k) - h);
            double fd = (m.graph().score(new DataSet(xp, yArr), true) - m.graph().score(new DataSet(xm, yArr), true))
                    / (2 * h);
            assertEquals(fd, g.reshape(-1).getDouble(k), 1e-6 * scale, "d loss / d x[" + k + "]");
        }
    }

    @Test
    void theFloatModelWithWorkspacesGivesTheSameGradientAndCanStillTrain() {
        ComputationGraphTaskModel f = model(TaskModel.Kind.MULTICLASS, DataType.FLOAT);
        ComputationGraphTaskModel d = model(TaskModel.Kind.MULTICLASS, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, 1, SIDE, SIDE);
        INDArray y = labels(TaskModel.Kind.MULTICLASS);
        INDArray gf = f.inputGradient(x.castTo(DataType.FLOAT), y);
        INDArray gd = d.inputGradient(x, y);
        assertEquals(0.0, gf.castTo(DataType.DOUBLE).sub(gd).amaxNumber().doubleValue(),
                1e-5 * gd.amaxNumber().doubleValue(), "float vs double");
        assertArrayEquals(gf.reshape(-1).toDoubleVector(),
                f.inputGradient(x.castTo(DataType.FLOAT), y).reshape(-1).toDoubleVector(), 0.0,
                "a second call gives the same gradient");
        double loss0 = f.fit(x.castTo(DataType.FLOAT), y);
        assertTrue(Double.isFinite(loss0) && loss0 > 0, "fit still works after inputGradient");
    }
}
