package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ItnTest {

    private static INDArray run(Itn itn, INDArray x, double train) {
        SameDiff sd = SameDiff.create();
        NetBuilder b = new NetBuilder(sd, "itn", itn.inputShape().length, DataType.FLOAT, 7);
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, x.shape());
        SDVariable out = itn.build(b, in).rename("out");
        return sd.output(Map.of("x", x, NetBuilder.TRAIN, Nd4j.scalar(DataType.FLOAT, train)), "out").get("out");
    }

    @Test
    void untrainedItnIsTheIdentityIn2dAnd3d() {
        Nd4j.getRandom().setSeed(3);
        INDArray x2 = Nd4j.rand(DataType.FLOAT, 3, 1, 16, 24);
        INDArray y2 = run(new Itn(new int[] {24, 16}, 2), x2, 1);
        assertArrayEquals(x2.shape(), y2.shape());
        assertEquals(0.0, x2.sub(y2).amaxNumber().doubleValue(), 0.0);
        INDArray x3 = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 16, 8);
        INDArray y3 = run(new Itn(new int[] {8, 16, 8}, 2), x3, 0);
        assertArrayEquals(x3.shape(), y3.shape());
        assertEquals(0.0, x3.sub(y3).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void shapesThatAreNotMultiplesOfEightArePaddedInsideAndStayTheIdentity() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray y = run(new Itn(new int[] {28, 28}, 2), x, 1);
        assertArrayEquals(x.shape(), y.shape());
        assertEquals(0.0, x.sub(y).amaxNumber().doubleValue(), 0.0);
        INDArray x3 = Nd4j.rand(DataType.FLOAT, 1, 1, 5, 12, 9);
        INDArray y3 = run(new Itn(new int[] {9, 12, 5}, 1), x3, 1);
        assertEquals(0.0, x3.sub(y3).amaxNumber().doubleValue(), 0.0);
    }
}
