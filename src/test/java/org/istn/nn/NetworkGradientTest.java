package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every network's gradients w.r.t. its parameters and its input, by finite differences (double). */
class NetworkGradientTest {

    static List<Arguments> networks() {
        List<Arguments> a = new ArrayList<>();
        a.add(Arguments.of("ITN 2D", new Itn(new int[] {8, 8}, 1), new int[] {8, 8}));
        a.add(Arguments.of("ITN 2D padded", new Itn(new int[] {6, 5}, 1), new int[] {6, 5}));
        a.add(Arguments.of("ITN 3D", new Itn(new int[] {8, 8, 8}, 1), new int[] {8, 8, 8}));
        a.add(Arguments.of("discriminator 2D", new Discriminator(new int[] {8, 6}, 1), new int[] {8, 6}));
        a.add(Arguments.of("discriminator 3D", new Discriminator(new int[] {6, 4, 5}, 1), new int[] {6, 4, 5}));
        a.add(Arguments.of("classifier 2D binary", new LeNetClassifier(new int[] {8, 8}, 1, 1), new int[] {8, 8}));
        a.add(Arguments.of("classifier 3D 3 classes", new LeNetClassifier(new int[] {4, 4, 4}, 1, 3),
                new int[] {4, 4, 4}));
        a.add(Arguments.of("regressor 2D", new LeNetRegressor(new int[] {8, 9}, 1), new int[] {8, 9}));
        a.add(Arguments.of("regressor 3D", new LeNetRegressor(new int[] {4, 5, 4}, 1), new int[] {4, 5, 4}));
        a.add(Arguments.of("affine STN grid 2D", gridOf(new AffineStn(new int[] {6, 5}, 1)), new int[] {6, 5}));
        a.add(Arguments.of("affine STN grid 3D", gridOf(new AffineStn(new int[] {4, 5, 3}, 1)), new int[] {4, 5, 3}));
        a.add(Arguments.of("B-spline STN grid 2D", gridOf(new BSplineStn(new int[] {6, 5}, 1, 0.2, new int[] {2, 3})),
                new int[] {6, 5}));
        a.add(Arguments.of("B-spline STN grid 3D", gridOf(new BSplineStn(new int[] {4, 5, 3}, 1, 0.2,
                new int[] {2, 2, 2})), new int[] {4, 5, 3}));
        return a;
    }

    /** An STN seen as a network whose output is its grid. */
    private static Network gridOf(SpatialTransformer stn) {
        return new Network() {
            @Override
            public String kind() {
                return stn.kind();
            }

            @Override
            public SDVariable build(NetBuilder b, SDVariable x) {
                return stn.build(b, x).grid();
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void gradientsMatchFiniteDifferences(String name, Network net, int[] inputShape) {
        SameDiff sd = SameDiff.create();
        NetBuilder b = new NetBuilder(sd, "net", inputShape.length, DataType.DOUBLE, 11);
        long[] shape = Shapes.graphShape(inputShape, 2, 1);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, shape);
        SDVariable out = net.build(b, x);
        b.trainFlag(); // graphs without batch norm have no such placeholder otherwise
        Nd4j.getRandom().setSeed(5);
        INDArray input = Nd4j.rand(DataType.DOUBLE, shape);
        Map<String, INDArray> ph = GradientCheck.placeholders("x", input);
        long[] outShape = sd.output(ph, out.name()).get(out.name()).shape();
        String loss = GradientCheck.weightedSumLoss(sd, out, outShape, 9);
        GradientCheck.randomizeParameters(sd, 13, 0.5);
        List<String> check = new ArrayList<>(GradientCheck.parameters(sd));
        check.add("x");
        int n = GradientCheck.check(sd, ph, loss, check, 17);
        assertTrue(n > 20, "checked " + n + " entries");
    }
}
