package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** The composed image-and-spatial transformer: identity at initialisation, constraints, explain outputs. */
class IstnTest {

    static List<Arguments> transformers() {
        int[] s2 = {28, 28};
        int[] s3 = {12, 10, 8};
        return List.of(
                Arguments.of("ITN 2D", new Itn(s2, 2), null, s2),
                Arguments.of("affine STN 2D", null, new AffineStn(s2, 2), s2),
                Arguments.of("B-spline STN 2D", null, new BSplineStn(s2, 2, 0.1, new int[] {4, 4}), s2),
                Arguments.of("ITN + affine 2D", new Itn(s2, 2), new AffineStn(s2, 2), s2),
                Arguments.of("ITN + B-spline 2D", new Itn(s2, 2), new BSplineStn(s2, 2, 0.1, new int[] {4, 4}), s2),
                Arguments.of("ITN 3D", new Itn(s3, 1), null, s3),
                Arguments.of("affine STN 3D", null, new AffineStn(s3, 1), s3),
                Arguments.of("B-spline STN 3D", null, new BSplineStn(s3, 1, 0.1, new int[] {4, 4, 4}), s3),
                Arguments.of("ITN + affine 3D", new Itn(s3, 1), new AffineStn(s3, 1), s3),
                Arguments.of("ITN + B-spline 3D", new Itn(s3, 1), new BSplineStn(s3, 1, 0.1, new int[] {3, 4, 5}), s3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transformers")
    void anUntrainedTransformerReturnsItsInput(String name, Itn itn, SpatialTransformer stn, int[] shape) {
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.rand(DataType.FLOAT, Shapes.graphShape(shape, 3, 1)).muli(4).subi(2);
        Istn istn = new Istn(itn, stn, shape, DataType.FLOAT, 5);
        for (boolean train : new boolean[] {true, false}) {
            INDArray y = istn.forward(x, train).output();
            assertArrayEquals(x.shape(), y.shape());
            assertTrue(x.sub(y).amaxNumber().doubleValue() < 1e-6, name + ": max abs error "
                    + x.sub(y).amaxNumber());
        }
    }

    /**
     * Regression: SameDiff's setArray keeps the caller's array and later assigns into it, so a
     * second forward pass overwrote the first pass's input (and the recorded Forward.input()).
     */
    @Test
    void aForwardPassNeverWritesIntoItsCallersArrays() {
        int[] s = {16, 16};
        Istn istn = new Istn(new Itn(s, 2), new AffineStn(s, 2), s, DataType.FLOAT, 3);
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 1, 16, 16);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 1, 16, 16).addi(3);
        INDArray a0 = a.dup();
        INDArray b0 = b.dup();
        Istn.Forward fa = istn.forward(a, true);
        Istn.Forward fb = istn.forward(b, true);
        istn.backward(fa, fa.output(), null, true);
        istn.forward(Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16), false);
        istn.backward(fb, fb.output(), null, true);
        assertEquals(a0, a);
        assertEquals(b0, b);
        assertEquals(a0, fa.input());
    }

    @Test
    void affineParametersAreReadOutAtTheIdentity() {
        int[] shape = {8, 8, 8};
        Istn istn = new Istn(null, new AffineStn(shape, 1), shape, DataType.FLOAT, 1);
        Map<String, INDArray> e = istn.forward(Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8, 8), false).explain();
        assertArrayEquals(new long[] {2, 3}, e.get("translation").shape());
        assertArrayEquals(new long[] {2, 3}, e.get("rotation").shape());
        assertArrayEquals(new long[] {2, 3}, e.get("scaling").shape());
        assertArrayEquals(new long[] {2, 3}, e.get("shearing").shape());
        assertArrayEquals(new long[] {2, 3, 4}, e.get("theta").shape());
        assertEquals(0.0, e.get("translation").amaxNumber().doubleValue(), 0.0);
        assertEquals(1.0, e.get("scaling").minNumber().doubleValue(), 0.0);
        INDArray eye = Nd4j.concat(1, Nd4j.eye(3), Nd4j.zeros(3, 1)).castTo(DataType.FLOAT);
        assertEquals(0.0, e.get("theta").slice(1).sub(eye).amaxNumber().doubleValue(), 1e-7);
    }

    @Test
    void bsplineDisplacementNeverExceedsTheMaximumEvenWithSaturatedControlPoints() {
        int[] shape = {20, 14, 9};
        double max = 0.07;
        Istn istn = new Istn(null, new BSplineStn(shape, 1, max, new int[] {4, 3, 5}), shape, DataType.FLOAT, 3);
        GradientCheck.randomizeParameters(istn.graph(), 8, 50.0); // drive tanh into saturation
        Nd4j.getRandom().setSeed(2);
        INDArray d = istn.forward(Nd4j.rand(DataType.FLOAT, 2, 1, 9, 14, 20), true).explain().get("displacement");
        assertArrayEquals(new long[] {2, 9, 14, 20, 3}, d.shape());
        double worst = d.amaxNumber().doubleValue();
        assertTrue(worst <= max + 1e-7, "largest displacement " + worst + " > " + max);
        assertTrue(worst > 0.5 * max, "the test drives displacements near the bound: " + worst);
    }
}
