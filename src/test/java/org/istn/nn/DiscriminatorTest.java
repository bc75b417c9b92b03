package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the discriminator's normalisation ({@code dis_norm}) hides: with instance norm and the
 * biases at their initial zero the logit is invariant to a global gain of the image; without it
 * the logit follows the gain, so an ISTN that brightens or darkens images is seen.
 */
class DiscriminatorTest {

    private static final int[] SHAPE = {12, 10, 8};

    private static double[] logits(Discriminator d, double gain) {
        NetworkGraph g = new NetworkGraph(d, SHAPE, DataType.DOUBLE, 11);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, Shapes.graphShape(SHAPE, 2, 1));
        return new double[] {g.output(x, false).getDouble(0), g.output(x.mul(gain), false).getDouble(0),
            g.output(x, false).getDouble(1), g.output(x.mul(gain), false).getDouble(1)};
    }

    @Test
    void instanceNormHidesAGlobalGainAndNoNormShowsIt() {
        double[] in = logits(new Discriminator(SHAPE, 2, true), 1.7);
        // samples 0 and 1: the logits at gain 1 and at gain 1.7 agree but for instance norm's
        // epsilon (1e-5 beside feature variances of order 0.1)
        assertEquals(in[0], in[1], 1e-3 * Math.max(1, Math.abs(in[0])));
        assertEquals(in[2], in[3], 1e-3 * Math.max(1, Math.abs(in[2])));
        double[] none = logits(new Discriminator(SHAPE, 2, false), 1.7);
        // without normalisation the ReLU network is positively homogeneous at zero biases: the
        // logit scales with the gain (the dense layer's bias is 0 too)
        assertEquals(1.7 * none[0], none[1], 1e-9 * Math.max(1, Math.abs(none[1])));
        assertEquals(1.7 * none[2], none[3], 1e-9 * Math.max(1, Math.abs(none[3])));
        assertTrue(Math.abs(none[1] - none[0]) > 1e-4, "the gain must change the logit: " + none[0] + " " + none[1]);
    }

    @Test
    void onlyTheNormalisedDiscriminatorHasInstanceNormVariables() {
        NetworkGraph with = new NetworkGraph(new Discriminator(SHAPE, 2), SHAPE, DataType.FLOAT, 1);
        NetworkGraph without = new NetworkGraph(new Discriminator(SHAPE, 2, false), SHAPE, DataType.FLOAT, 1);
        assertTrue(with.variableNames().stream().anyMatch(v -> v.contains("_in")), with.variableNames().toString());
        assertFalse(without.variableNames().stream().anyMatch(v -> v.contains("_in")), without.variableNames().toString());
    }

    @Test
    void aRecipeWithoutTheFlagIsTheReferenceDiscriminator() throws Exception {
        // through text, as ModelStore writes and reads recipes
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(
                NetworkRecipes.toJson(new Discriminator(SHAPE, 3, false)).toString());
        assertEquals(false, ((Discriminator) NetworkRecipes.fromJson(old)).instanceNorm());
        old.remove("instance_norm"); // as written before dis_norm existed
        assertTrue(((Discriminator) NetworkRecipes.fromJson(old)).instanceNorm());
    }
}
