package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The 2D DL4J task models: architecture per kind and size, outputs, determinism, state and file round trips. */
class Dl4jLeNetTest {

    private static INDArray images(int n, int h, int w, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 1, h, w);
    }

    /** Spatial output size (H, W) of every conv layer, from the activations of a forward pass. */
    private static long[] convShape(ComputationGraph g, INDArray x, String layer) {
        return g.feedForward(x, false).get(layer).shape();
    }

    @Test
    void classifierDepthAndWidthsFollowTheImageSize() {
        // 5x5 stride-2 padding-2 convolutions halve each side, rounding up, until the larger side is 1 (at most 6)
        assertEquals(4, new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {16, 16}, 4, 1).depth());
        assertEquals(5, new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {28, 28}, 4, 1).depth());
        assertEquals(5, new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {32, 32}, 4, 1).depth());
        assertEquals(6, new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {64, 64}, 4, 1).depth());
        assertEquals(6, new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {256, 256}, 4, 1).depth());
        assertArrayEquals(new int[] {8, 16, 32, 64, 128, 128},
                new Dl4jLeNet(TaskModel.Kind.MULTICLASS, new int[] {64, 64}, 4, 3).widths());
        assertArrayEquals(new int[] {8, 16, 32, 64, 128},
                new Dl4jLeNet(TaskModel.Kind.MULTICLASS, new int[] {28, 28}, 4, 3).widths());
        assertArrayEquals(new int[] {4, 8}, new Dl4jLeNet(TaskModel.Kind.REGRESSOR, new int[] {64, 64}, 4, 1).widths());
    }

    @Test
    void binaryClassifierOn28x28() {
        Dl4jLeNet net = new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {28, 28}, 4, 1);
        ComputationGraphTaskModel m = net.build(1e-3, 7);
        ComputationGraph g = m.graph();
        INDArray x = images(3, 28, 28, 1);
        // 28 -> 14 -> 7 -> 4 -> 2 -> 1, channels 8 ... 128
        assertArrayEquals(new long[] {3, 8, 14, 14}, convShape(g, x, "conv0"));
        assertArrayEquals(new long[] {3, 64, 2, 2}, convShape(g, x, "conv3"));
        assertArrayEquals(new long[] {3, 128, 1, 1}, convShape(g, x, "conv4"));
        assertTrue(g.getConfiguration().getVertices().containsKey("conv4_bn"));
        assertFalse(g.getConfiguration().getVertices().containsKey("conv0_bn"));
        OutputLayer out = outputLayer(g);
        assertTrue(out.getLossFn() instanceof LossBinaryXENT);
        assertEquals("sigmoid", out.getActivationFn().toString());
        INDArray p = m.predict(x);
        assertArrayEquals(new long[] {3}, p.shape());
        for (int i = 0; i < 3; i++) {
            assertTrue(p.getDouble(i) > 0 && p.getDouble(i) < 1, "P(label=1) " + p.getDouble(i));
        }
    }

    @Test
    void multiclassClassifierOn64x64NonSquareAxesInNiftiOrder() {
        // input_shape is (x, y): x = width 64, y = height 48
        Dl4jLeNet net = new Dl4jLeNet(TaskModel.Kind.MULTICLASS, new int[] {64, 48}, 4, 3);
        ComputationGraphTaskModel m = net.build(1e-3, 7);
        INDArray x = images(2, 48, 64, 2);
        assertArrayEquals(new long[] {2, 8, 24, 32}, convShape(m.graph(), x, "conv0"));
        assertArrayEquals(new long[] {2, 128, 1, 1}, convShape(m.graph(), x, "conv5"));
        assertTrue(outputLayer(m.graph()).getLossFn() instanceof LossMCXENT);
        INDArray p = m.predict(x);
        assertArrayEquals(new long[] {2, 3}, p.shape());
        INDArray sums = p.sum(1);
        for (int i = 0; i < 2; i++) {
            assertEquals(1.0, sums.getDouble(i), 1e-5);
        }
        assertEquals(3, m.numClasses());
        assertEquals(TaskModel.Kind.MULTICLASS, m.kind());
    }

    @Test
    void regressorOn28x28And64x64() {
        for (int side : new int[] {28, 64}) {
            Dl4jLeNet net = new Dl4jLeNet(TaskModel.Kind.REGRESSOR, new int[] {side, side}, 4, 1);
            ComputationGraphTaskModel m = net.build(1e-3, 3);
            INDArray x = images(2, side, side, 3);
            assertArrayEquals(new long[] {2, 8, side / 4, side / 4}, convShape(m.graph(), x, "pool1"));
            assertArrayEquals(new long[] {2, 32}, convShape(m.graph(), x, "fc2"));
            assertTrue(outputLayer(m.graph()).getLossFn() instanceof LossMSE);
            assertArrayEquals(new long[] {2}, m.predict(x).shape());
            // conv0 5x5x1x4 + 4, conv1 5x5x4x8 + 8, fc0 (8·(side/4)²)x128 + 128, 128x64 + 64, 64x32 + 32, 32 + 1
            long flat = 8L * (side / 4) * (side / 4);
            long expected = 25 * 4 + 4 + 25 * 4 * 8 + 8 + flat * 128 + 128 + 128 * 64 + 64 + 64 * 32 + 32 + 32 + 1;
            assertEquals(expected, m.graph().numParams());
        }
    }

    @Test
    void modelTypeAndShapeErrorsNameTheProblem() {
        assertEquals(TaskModel.Kind.BINARY, Dl4jLeNet.of("classifier", new int[] {28, 28}, 4, 1).kind());
        assertEquals(TaskModel.Kind.MULTICLASS, Dl4jLeNet.of("classifier", new int[] {28, 28}, 4, 4).kind());
        assertEquals(TaskModel.Kind.REGRESSOR, Dl4jLeNet.of("regressor", new int[] {28, 28, 1}, 4, 1).kind());
        assertArrayEquals(new int[] {28, 28}, Dl4jLeNet.of("regressor", new int[] {28, 28, 1}, 4, 1).inputShape());
        assertEquals("model_type must be classifier or regressor, found \"segmenter\"",
                assertThrows(IllegalArgumentException.class,
                        () -> Dl4jLeNet.of("segmenter", new int[] {28, 28}, 4, 1)).getMessage());
        assertEquals("the DL4J task model is 2D, found input_shape [32, 32, 32] (3D task models are the SameDiff"
                + " LeNets: DL4J's batch norm cannot take 3D input)", assertThrows(IllegalArgumentException.class,
                        () -> Dl4jLeNet.of("classifier", new int[] {32, 32, 32}, 4, 1)).getMessage());
        assertEquals("a REGRESSOR task model needs num_classes 1, found 3", assertThrows(
                IllegalArgumentException.class, () -> Dl4jLeNet.of("regressor", new int[] {28, 28}, 4, 3)).getMessage());
        assertEquals("the regressor needs every axis of input_shape >= 4 (two 2x poolings), found [3, 28]",
                assertThrows(IllegalArgumentException.class,
                        () -> Dl4jLeNet.of("regressor", new int[] {3, 28}, 4, 1)).getMessage());
    }

    @Test
    void sameSeedSameInitialParametersOtherSeedOthers() {
        Dl4jLeNet net = new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {16, 16}, 2, 1);
        INDArray a = net.graph(1e-3, 11).params();
        INDArray b = net.graph(1e-3, 11).params();
        INDArray c = net.graph(1e-3, 12).params();
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }

    @Test
    void batchNormRunningVarianceIsStoredAsVariance() {
        ComputationGraph g = new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {16, 16}, 2, 1).graph(1e-3, 1);
        BatchNormalization bn = (BatchNormalization) ((org.deeplearning4j.nn.conf.graph.LayerVertex) g
                .getConfiguration().getVertices().get("conv1_bn")).getLayerConf().getLayer();
        assertFalse(bn.isUseLogStd());
        assertEquals(0.9, bn.getDecay());
        // a fresh running variance is 1 (a log10 stdev would be 0)
        assertEquals(1.0, g.getLayer("conv1_bn").getParam("var").getDouble(0));
    }

    /** export → train a step → import: predictions, parameters, Adam state and counter are those of the export. */
    @Test
    void exportTrainImportRestoresTheModel() {
        ComputationGraphTaskModel m = new Dl4jLeNet(TaskModel.Kind.MULTICLASS, new int[] {16, 16}, 2, 3).build(1e-2, 5);
        INDArray x = images(6, 16, 16, 9);
        INDArray y = Nd4j.createFromArray(0f, 1f, 2f, 0f, 1f, 2f);
        m.fit(x, y); // a non-trivial Adam state and iteration 1
        Map<String, INDArray> state = m.exportState();
        INDArray before = m.predict(x);
        assertEquals(1, m.graph().getConfiguration().getIterationCount());
        m.fit(x, y);
        m.fit(x, y);
        assertFalse(before.equals(m.predict(x)), "training must change the predictions for this test to mean anything");
        m.importState(state);
        assertEquals(before, m.predict(x));
        assertEquals(state.get("cg/params"), m.graph().params());
        assertEquals(state.get("cg/updater"), m.graph().getUpdater().getStateViewArray());
        assertEquals(1, m.graph().getConfiguration().getIterationCount());
        // and the next step from the imported state is the step the exported model would have taken
        ComputationGraphTaskModel twin = new Dl4jLeNet(TaskModel.Kind.MULTICLASS, new int[] {16, 16}, 2, 3).build(1e-2, 99);
        twin.importState(state);
        m.fit(x, y);
        twin.fit(x, y);
        assertEquals(m.graph().params(), twin.graph().params());
    }

    @Test
    void importRejectsAStateOfAnotherArchitecture() {
        ComputationGraphTaskModel small = new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {16, 16}, 2, 1).build(1e-3, 1);
        ComputationGraphTaskModel big = new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {16, 16}, 4, 1).build(1e-3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> big.importState(small.exportState()));
        assertTrue(e.getMessage().startsWith("training state: entry cg/params has shape"), e.getMessage());
    }

    @Test
    void saveLoadThroughTaskModelStoreGivesIdenticalPredictionsAndTraining() throws Exception {
        for (TaskModel.Kind kind : TaskModel.Kind.values()) {
            int classes = kind == TaskModel.Kind.MULTICLASS ? 4 : 1;
            ComputationGraphTaskModel m = new Dl4jLeNet(kind, new int[] {28, 28}, 2, classes).build(1e-3, 21);
            INDArray x = images(4, 28, 28, 4);
            INDArray y = Nd4j.createFromArray(0f, 1f, 1f, 0f);
            m.fit(x, y);
            Provenance p = Provenance.now(42, "abc", Map.of("job", "train-task"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TaskModelStore.save(m, p, bytes);
            TaskModelStore.Loaded loaded = TaskModelStore.load(new ByteArrayInputStream(bytes.toByteArray()),
                    "mem:task.zip", 1e-3);
            TaskModel back = loaded.model();
            assertEquals(kind, back.kind());
            assertEquals(classes, back.numClasses());
            assertEquals(p, loaded.provenance());
            assertEquals(m.predict(x), back.predict(x), kind + ": predictions after load");
            // the updater travels too: one more step gives the same parameters
            m.fit(x, y);
            back.fit(x, y);
            assertEquals(m.graph().params(), ((ComputationGraphTaskModel) back).graph().params(), kind + ": next step");
        }
    }

    @Test
    void labelArraysAndLabelProblems() {
        INDArray l = Nd4j.createFromArray(2f, 0f, 1f);
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}),
                ComputationGraphTaskModel.labelArray(TaskModel.Kind.MULTICLASS, 3, l, DataType.FLOAT));
        assertArrayEquals(new long[] {3, 1},
                ComputationGraphTaskModel.labelArray(TaskModel.Kind.REGRESSOR, 1, l, DataType.FLOAT).shape());
        assertEquals("label at batch index 0: label 2.0 is not in [0, 1] (binary classifier)",
                assertThrows(IllegalArgumentException.class, () -> ComputationGraphTaskModel.labelArray(
                        TaskModel.Kind.BINARY, 1, l, DataType.FLOAT)).getMessage());
        assertEquals("label 3.0 is not a class index 0 .. 2",
                ComputationGraphTaskModel.labelProblem(TaskModel.Kind.MULTICLASS, 3, 3));
        assertEquals("label 1.5 is not a class index 0 .. 2",
                ComputationGraphTaskModel.labelProblem(TaskModel.Kind.MULTICLASS, 3, 1.5));
        assertEquals("no label (NaN)", ComputationGraphTaskModel.labelProblem(TaskModel.Kind.REGRESSOR, 1, Double.NaN));
        assertEquals(null, ComputationGraphTaskModel.labelProblem(TaskModel.Kind.REGRESSOR, 1, -40.5));
    }

    private static OutputLayer outputLayer(ComputationGraph g) {
        GraphVertex v = g.getVertex(Dl4jLeNet.OUTPUT);
        return (OutputLayer) v.getLayer().conf().getLayer();
    }
}
