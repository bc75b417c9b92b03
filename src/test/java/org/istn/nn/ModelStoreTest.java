package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.istn.util.AppInfo;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every network saved and loaded gives identical outputs and keeps its provenance. */
class ModelStoreTest {

    private static final Provenance P = Provenance.now(42, "abc123", Map.of("job", "test", "epoch", "3"));

    @Test
    void everyNetworkRoundTripsWithIdenticalOutputs() throws IOException {
        int[] s2 = {16, 12};
        int[] s3 = {8, 8, 8};
        for (Network net : List.of(new Discriminator(s2, 2), new Discriminator(s3, 2, false),
                new LeNetClassifier(s2, 1, 3), new LeNetRegressor(s3, 1), new Itn(s3, 1))) {
            int[] shape = net instanceof LeNetRegressor || net instanceof Itn
                    || net instanceof Discriminator d && !d.instanceNorm() ? s3 : s2;
            NetworkGraph g = new NetworkGraph(net, shape, DataType.FLOAT, 5);
            GradientCheck.randomizeParameters(g.graph(), 3, 0.2);
            g.graph().getVariable(g.variableNames().stream().filter(v -> v.endsWith("runMean")).findFirst()
                    .orElse(g.variableNames().get(0))).getArr().addi(0.25);
            Nd4j.getRandom().setSeed(1);
            INDArray x = Nd4j.rand(DataType.FLOAT, Shapes.graphShape(shape, 3, 1));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelStore.save(g, P, bytes);
            ModelStore.LoadedNetwork back = ModelStore.loadNetwork(new ByteArrayInputStream(bytes.toByteArray()), "m.zip");
            assertEquals(g.output(x, false), back.network().output(x, false), net.kind() + " inference output");
            assertEquals(g.output(x, true), back.network().output(x, true), net.kind() + " training output");
            assertEquals(P, back.provenance());
            assertEquals(NetworkRecipes.toJson(net).toString(), NetworkRecipes.toJson(back.network().network()).toString(),
                    net.kind());
        }
    }

    @Test
    void istnRoundTripsWithIdenticalOutputsAndExplanations() throws IOException {
        int[] shape = {16, 16};
        Istn istn = new Istn(new Itn(shape, 1), new BSplineStn(shape, 1, 0.1, new int[] {4, 4}), shape,
                DataType.FLOAT, 9);
        GradientCheck.randomizeParameters(istn.graph(), 4, 0.3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelStore.save(istn, shape, 9, P, bytes);
        ModelStore.LoadedIstn back = ModelStore.loadIstn(new ByteArrayInputStream(bytes.toByteArray()), "istn.zip");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16);
        assertEquals(istn.forward(x, false).output(), back.istn().forward(x, false).output());
        assertEquals(istn.forward(x, false).explain().get("displacement"),
                back.istn().forward(x, false).explain().get("displacement"));
        assertEquals(AppInfo.VERSION, back.provenance().appVersion());
        assertEquals("abc123", back.provenance().configHash());
        assertTrue(back.istn().stn() instanceof BSplineStn);
    }

    @Test
    void aTruncatedOrForeignFileIsRejectedNamingIt() throws IOException {
        NetworkGraph g = new NetworkGraph(new Discriminator(new int[] {8, 8}, 1), new int[] {8, 8}, DataType.FLOAT, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelStore.save(g, P, bytes);
        byte[] all = bytes.toByteArray();
        IOException e = assertThrows(IOException.class, () -> ModelStore.loadNetwork(
                new ByteArrayInputStream(java.util.Arrays.copyOf(all, all.length / 2)), "d.zip"));
        assertTrue(e.getMessage().startsWith("d.zip: "), e.getMessage());
        assertEquals("d.zip: holds a network model, expected istn", assertThrows(IOException.class,
                () -> ModelStore.loadIstn(new ByteArrayInputStream(all), "d.zip")).getMessage());
        assertEquals("x.zip: not an istn-spark-model/1 model file (no model.json with that format)",
                assertThrows(IOException.class, () -> ModelStore.loadNetwork(
                        new ByteArrayInputStream(new byte[] {1, 2, 3}), "x.zip")).getMessage());
    }
}
