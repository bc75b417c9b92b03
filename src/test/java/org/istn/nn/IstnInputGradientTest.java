package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * d loss / d input of an ISTN (what a cycle loss G_BA(G_AB(A)) needs) against central finite
 * differences in double, for ITN + affine STN, ITN only, affine STN only and ITN + B-spline STN.
 */
class IstnInputGradientTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void inputGradientMatchesFiniteDifferences(int variant) {
        int[] shape = {16, 16};
        Itn itn = variant == 2 ? null : new Itn(shape, 1);
        SpatialTransformer stn = switch (variant) {
            case 1 -> null;
            case 3 -> new BSplineStn(shape, 1, 0.1, new int[] {4, 4});
            default -> new AffineStn(shape, 1);
        };
        Istn istn = new Istn(itn, stn, shape, DataType.DOUBLE, 5);
        GradientCheck.randomizeParameters(istn.graph(), 8, 0.3);
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 16, 16).subi(0.5);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 2, 1, 16, 16).subi(0.5);

        Istn.Forward f = istn.forward(x, true);
        INDArray analytic = istn.backward(f, w, null, true).input();

        double eps = 1e-6;
        int checked = 0;
        for (long i = 0; i < x.length(); i += 37) {
            double orig = x.getDouble(i);
            x.putScalar(i, orig + eps);
            double plus = istn.forward(x, true).output().mul(w).sumNumber().doubleValue();
            x.putScalar(i, orig - eps);
            double minus = istn.forward(x, true).output().mul(w).sumNumber().doubleValue();
            x.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * eps);
            double an = analytic.getDouble(i);
            // bilinear sampling has kinks at voxel boundaries: a difference across one is not a derivative
            assertTrue(Math.abs(an - numeric) < 1e-5 * Math.max(1, Math.abs(numeric)),
                    "variant " + variant + " x[" + i + "]: analytic " + an + ", numeric " + numeric);
            checked++;
        }
        assertTrue(checked >= 10);
        assertTrue(analytic.amaxNumber().doubleValue() > 1e-3, "the input gradient is not zero");
    }
}
