package org.istn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.istn.config.Normalizer;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void tanhIsElementwise() {
        float[] d = {-2f, 0f, 0.5f, 3f};
        Normalization.apply(Normalizer.TANH, d);
        assertArrayEquals(new float[] {(float) Math.tanh(-2), 0f, (float) Math.tanh(0.5), (float) Math.tanh(3)}, d, 0f);
    }

    @Test
    void zscoreUsesForegroundStatistics() {
        // background 0 (the minimum); foreground 2, 4, 6: mean 4, population std sqrt(8/3)
        float[] d = {0f, 0f, 2f, 4f, 6f};
        Normalization.apply(Normalizer.ZSCORE, d);
        double std = Math.sqrt(8.0 / 3.0);
        assertArrayEquals(new float[] {(float) (-4 / std), (float) (-4 / std), (float) (-2 / std), 0f,
                (float) (2 / std)}, d, 1e-6f);
    }

    @Test
    void minmaxMapsToMinusOneOne() {
        float[] d = {10f, 15f, 20f};
        Normalization.apply(Normalizer.MINMAX, d);
        assertArrayEquals(new float[] {-1f, 0f, 1f}, d, 1e-7f);
    }

    @Test
    void constantImagesBecomeZerosAndNoneIsIdentity() {
        float[] c = {3f, 3f, 3f};
        Normalization.apply(Normalizer.ZSCORE, c);
        assertArrayEquals(new float[3], c);
        float[] c2 = {3f, 3f};
        Normalization.apply(Normalizer.MINMAX, c2);
        assertArrayEquals(new float[2], c2);
        float[] n = {1f, -7f};
        Normalization.apply(Normalizer.NONE, n);
        assertEquals(-7f, n[1]);
    }
}
