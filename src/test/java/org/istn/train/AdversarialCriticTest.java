package org.istn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.istn.config.LossType;
import org.istn.nn.Discriminator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused critic gives, from one pass, exactly the two separate objectives' gradients: D's
 * parameters from the critic loss only, the fake images from the generator loss only (checked by
 * central differences in double, tolerance 1e-5 relative).
 */
class AdversarialCriticTest {

    @ParameterizedTest
    @EnumSource(LossType.class)
    void gradientsSplitBetweenCriticAndGenerator(LossType type) {
        int[] shape = {16, 16};
        AdversarialCritic c = new AdversarialCritic(new Discriminator(shape, 2), type, type, DataType.DOUBLE, 3,
                1e-3, 0.5, 0.999);
        Nd4j.getRandom().setSeed(5);
        INDArray real = Nd4j.rand(DataType.DOUBLE, 3, 1, 16, 16);
        INDArray fake = Nd4j.rand(DataType.DOUBLE, 2, 1, 16, 16).muli(0.5);
        double[] rl = {0.98, 0.99, 1.0};
        double[] fl = {0.01, 0.02};
        double[] gl = {0.975, 0.995};
        AdversarialCritic.Step s = c.step(real, fake, rl, fl, gl, 0.5);

        // the critic loss by hand from the logits
        INDArray zr = c.logits(real);
        INDArray zf = c.logits(fake);
        double expected = 0.5 * (mean(type, zr, rl) + mean(type, zf, fl));
        assertEquals(expected, s.criticLoss(), 1e-9);
        assertEquals(mean(type, zf, gl), s.ganLoss(), 1e-9);

        double eps = 1e-6;
        // d critic loss / d parameters: every 5th parameter array, three entries each
        int k = 0;
        for (String p : c.parameterNames()) {
            if (k++ % 5 != 0) {
                continue;
            }
            INDArray a = c.graph().getVariable(p).getArr();
            for (long i : new long[] {0, a.length() / 2, a.length() - 1}) {
                double o = a.getDouble(i);
                a.putScalar(i, o + eps);
                double plus = 0.5 * (mean(type, c.logits(real), rl) + mean(type, c.logits(fake), fl));
                a.putScalar(i, o - eps);
                double minus = 0.5 * (mean(type, c.logits(real), rl) + mean(type, c.logits(fake), fl));
                a.putScalar(i, o);
                close(s.gradients().get(p).getDouble(i), (plus - minus) / (2 * eps), p + "[" + i + "]");
            }
        }
        // d (0.5 · gan loss) / d fake, D frozen
        for (long i = 0; i < fake.length(); i += 41) {
            double o = fake.getDouble(i);
            fake.putScalar(i, o + eps);
            double plus = 0.5 * mean(type, c.logits(fake), gl);
            fake.putScalar(i, o - eps);
            double minus = 0.5 * mean(type, c.logits(fake), gl);
            fake.putScalar(i, o);
            close(s.fakeGradient().getDouble(i), (plus - minus) / (2 * eps), "fake[" + i + "]");
        }
        assertTrue(s.fakeGradient().amaxNumber().doubleValue() > 0, "the fake images receive a gradient");
    }

    private static void close(double analytic, double numeric, String what) {
        assertTrue(Math.abs(analytic - numeric) <= 1e-5 * Math.max(1e-3, Math.abs(numeric)) + 1e-9,
                what + ": analytic " + analytic + ", numeric " + numeric);
    }

    private static double mean(LossType type, INDArray z, double[] t) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            double v = z.getDouble(i);
            s += switch (type) {
                case BCE -> Math.max(v, 0) - v * t[i] + Math.log1p(Math.exp(-Math.abs(v)));
                case MSE -> (v - t[i]) * (v - t[i]);
                case L1 -> Math.abs(v - t[i]);
            };
        }
        return s / t.length;
    }

}
