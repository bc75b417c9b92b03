package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Which parts of which ISTN files run at inference, and that a part cut out keeps its weights. */
class TransformerChainTest {
    private static final int[] SHAPE = {12, 10};

    /** An ITN adding 0.25 everywhere and an affine STN with weights everywhere and a known translation. */
    private static Istn istn(long seed, double itnShift, double tx) {
        Istn istn = new Istn(new Itn(SHAPE, 1), new AffineStn(SHAPE, 1), SHAPE, DataType.FLOAT, seed);
        TransformExplainerTest.itnBias(istn, itnShift);
        TransformExplainerTest.head(istn, "translation", 0.1, tx, 0.0);
        return istn;
    }

    private static INDArray input() {
        Nd4j.getRandom().setSeed(9);
        return Nd4j.rand(DataType.FLOAT, Shapes.graphShape(SHAPE, 2, 1));
    }

    @Test
    void oneFileRunsAsTrained() {
        Istn full = istn(1, 0.25, 0.05);
        INDArray x = input();
        TransformerChain.Result r = TransformerChain.of(full, "a.zip", full, "a.zip", true).apply(x);
        assertEquals(0.0, r.output().sub(full.forward(x, false).output()).amaxNumber().doubleValue(), 0.0);
        Map<String, Double> e = r.explanations().get(0);
        assertEquals(0.05, e.get("tx"), 1e-6);
        assertEquals(0.25, e.get("itn_mean_change"), 1e-6);
    }

    @Test
    void itnOnlyAndStnOnlyAreCutOutOfTheFile() {
        Istn full = istn(1, 0.25, 0.05);
        INDArray x = input();
        TransformerChain.Result ri = TransformerChain.of(full, "a.zip", null, null, false).apply(x);
        assertEquals(0.0, ri.output().sub(x.add(0.25)).amaxNumber().doubleValue(), 1e-6);
        assertEquals(List.of("itn_mean_change", "itn_max_abs_change"), List.copyOf(ri.explanations().get(1).keySet()));
        TransformerChain.Result rs = TransformerChain.of(null, null, full, "a.zip", false).apply(x);
        assertEquals(0.05, rs.explanations().get(0).get("tx"), 1e-6);
        assertTrue(!rs.explanations().get(0).containsKey("itn_mean_change"));

        // every weight non-zero: each part alone equals a transformer of that part given the file's weights
        GradientCheck.randomizeParameters(full.graph(), 7, 0.2);
        Istn itnAlone = copy(full, new Istn(new Itn(SHAPE, 1), null, SHAPE, DataType.FLOAT, 77));
        Istn stnAlone = copy(full, new Istn(null, new AffineStn(SHAPE, 1), SHAPE, DataType.FLOAT, 77));
        INDArray itnOut = TransformerChain.of(full, "a.zip", null, null, false).apply(x).output();
        INDArray stnOut = TransformerChain.of(null, null, full, "a.zip", false).apply(x).output();
        assertEquals(0.0, itnOut.sub(itnAlone.forward(x, false).output()).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, stnOut.sub(stnAlone.forward(x, false).output()).amaxNumber().doubleValue(), 0.0);
        assertTrue(itnOut.sub(x).amaxNumber().doubleValue() > 1e-3, "the randomised ITN changes the image");
        assertTrue(stnOut.sub(x).amaxNumber().doubleValue() > 1e-3, "the randomised STN moves the image");
    }

    private static Istn copy(Istn from, Istn to) {
        for (String v : GraphVariables.all(to.graph())) {
            to.graph().getVariable(v).getArr().assign(from.graph().getVariable(v).getArr());
        }
        return to;
    }

    @Test
    void twoFilesApplyTheFirstItnThenTheSecondStn() {
        Istn a = istn(1, 0.25, 0.05);
        Istn b = istn(2, -0.5, -0.03);
        INDArray x = input();
        TransformerChain.Result r = TransformerChain.of(a, "a.zip", b, "b.zip", false).apply(x);
        assertEquals(2, TransformerChain.of(a, "a.zip", b, "b.zip", false).stages().size());
        INDArray afterItn = TransformerChain.of(a, "a.zip", null, null, false).apply(x).output();
        INDArray expected = TransformerChain.of(null, null, b, "b.zip", false).apply(afterItn).output();
        assertEquals(0.0, r.output().sub(expected).amaxNumber().doubleValue(), 0.0);
        Map<String, Double> e = r.explanations().get(0);
        assertEquals(0.25, e.get("itn_mean_change"), 1e-6);
        assertEquals(-0.03, e.get("tx"), 1e-6);
    }

    @Test
    void missingPartsAreNamed() {
        Istn itnOnly = new Istn(new Itn(SHAPE, 1), null, SHAPE, DataType.FLOAT, 1);
        Istn stnOnly = new Istn(null, new AffineStn(SHAPE, 1), SHAPE, DataType.FLOAT, 1);
        assertEquals("i.zip holds no STN (it holds an ITN only)", assertThrows(IllegalArgumentException.class,
                () -> TransformerChain.of(null, null, itnOnly, "i.zip", false)).getMessage());
        assertEquals("s.zip holds no ITN (it holds an STN, affine-stn, only)", assertThrows(
                IllegalArgumentException.class, () -> TransformerChain.of(stnOnly, "s.zip", null, null, false))
                .getMessage());
        Istn other = new Istn(null, new AffineStn(new int[] {8, 8}, 1), new int[] {8, 8}, DataType.FLOAT, 1);
        assertEquals("s.zip was trained on input_shape [8, 8] but i.zip on [12, 10]", assertThrows(
                IllegalArgumentException.class, () -> TransformerChain.of(itnOnly, "i.zip", other, "s.zip", false))
                .getMessage());
        assertTrue(TransformerChain.of(null, null, null, null, false).isEmpty());
    }
}
