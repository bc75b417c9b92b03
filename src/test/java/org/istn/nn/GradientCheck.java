package org.istn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks of SameDiff graphs in double precision: central differences
 * with step {@value #EPS} against SameDiff's gradients, on {@value #PER_VARIABLE} random entries
 * of up to {@value #MAX_VARIABLES} variables (the first and last given always among them, the
 * rest drawn at random); an entry passes when its relative error
 * {@code |a - n| / max(|a| + |n|, 1e-8)} is below {@value #MAX_REL} or its absolute error below
 * {@value #MAX_ABS}.
 */
final class GradientCheck {
    static final double EPS = 1e-6;
    static final double MAX_REL = 1e-5;
    /** Round-off floor of a central difference of a loss of order 10 with step 1e-6. */
    static final double MAX_ABS = 1e-7;
    static final int PER_VARIABLE = 3;
    static final int MAX_VARIABLES = 12;

    private GradientCheck() {}

    /** Gives every trainable variable (not running statistics) small random values. */
    static void randomizeParameters(SameDiff sd, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && !v.name().endsWith("runMean")
                    && !v.name().endsWith("runVar")) {
                INDArray a = v.getArr();
                for (long i = 0; i < a.length(); i++) {
                    a.putScalar(i, (r.nextDouble() * 2 - 1) * scale + (v.name().endsWith("gamma") ? 1 : 0));
                }
            }
        }
    }

    /** Names of the trainable variables. */
    static List<String> parameters(SameDiff sd) {
        return new ArrayList<>(GraphVariables.parameters(sd));
    }

    /**
     * Checks d loss / d v for every name in {@code check} (variables or placeholders).
     *
     * @return the number of entries checked
     */
    static int check(SameDiff sd, Map<String, INDArray> placeholders, String loss, List<String> check, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        if (check.size() > MAX_VARIABLES) {
            List<String> pool = new ArrayList<>(check.subList(1, check.size() - 1));
            java.util.Collections.shuffle(pool, new java.util.Random(seed));
            List<String> chosen = new ArrayList<>();
            chosen.add(check.get(0));
            chosen.addAll(pool.subList(0, MAX_VARIABLES - 2));
            chosen.add(check.get(check.size() - 1));
            check = chosen;
        }
        Map<String, INDArray> analytic = sd.calculateGradients(placeholders, check.toArray(String[]::new));
        int n = 0;
        List<String> failures = new ArrayList<>();
        for (String name : check) {
            INDArray target = placeholders.containsKey(name) ? placeholders.get(name) : sd.getVariable(name).getArr();
            INDArray grad = analytic.get(name);
            assertTrue(grad != null, "no gradient for " + name);
            long len = target.length();
            for (int k = 0; k < Math.min(PER_VARIABLE, len); k++) {
                long i = len <= PER_VARIABLE ? k : r.nextLong(len);
                double orig = target.getDouble(i);
                target.putScalar(i, orig + EPS);
                double plus = lossValue(sd, placeholders, loss);
                target.putScalar(i, orig - EPS);
                double minus = lossValue(sd, placeholders, loss);
                target.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * EPS);
                double a = grad.getDouble(i);
                double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-8);
                if (rel > MAX_REL && Math.abs(a - numeric) > MAX_ABS) {
                    failures.add(name + "[" + i + "]: analytic " + a + ", numeric " + numeric + ", rel " + rel);
                }
                n++;
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + n + " entries differ:\n" + String.join("\n",
                failures.subList(0, Math.min(20, failures.size()))));
        return n;
    }

    static double lossValue(SameDiff sd, Map<String, INDArray> placeholders, String loss) {
        return sd.output(placeholders, loss).get(loss).getDouble(0);
    }

    /** Adds {@code loss = sum(out * R)} for a fixed random R of out's shape; returns the loss name. */
    static String weightedSumLoss(SameDiff sd, SDVariable out, long[] shape, long seed) {
        Nd4j.getRandom().setSeed(seed);
        SDVariable weights = sd.constant("lossWeights", Nd4j.rand(DataType.DOUBLE, shape).subi(0.5));
        SDVariable l = out.mul(weights).sum().rename("loss");
        sd.setLossVariables("loss");
        return l.name();
    }

    static Map<String, INDArray> placeholders(String name, INDArray x) {
        Map<String, INDArray> m = new HashMap<>();
        m.put(name, x);
        m.put(NetBuilder.TRAIN, Nd4j.scalar(DataType.DOUBLE, 1.0));
        return m;
    }
}
