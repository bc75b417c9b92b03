package org.istn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    @Test
    void shiftMovesContentAndFillsWithZeros() {
        // 3x2 image, x fastest: rows y=0: 1 2 3, y=1: 4 5 6
        float[] in = {1, 2, 3, 4, 5, 6};
        float[] out = Augmenter.transform(in, new int[] {3, 2}, new Augmenter.Applied(new int[] {1, -1}, false));
        assertArrayEquals(new float[] {0, 4, 5, 0, 0, 0}, out);
    }

    @Test
    void flipReversesX() {
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] out = Augmenter.transform(in, new int[] {2, 2, 2}, new Augmenter.Applied(new int[3], true));
        assertArrayEquals(new float[] {2, 1, 4, 3, 6, 5, 8, 7}, out);
    }

    @Test
    void drawsAreSeededPerSampleAndEpochAndStayInRange() {
        Augmenter a = new Augmenter(42, 3, true);
        Augmenter same = new Augmenter(42, 3, true);
        Set<String> distinct = new HashSet<>();
        int flips = 0;
        int shifted = 0;
        for (int e = 0; e < 200; e++) {
            Augmenter.Applied x = a.draw("subject-7", e, 3);
            Augmenter.Applied y = same.draw("subject-7", e, 3);
            assertArrayEquals(x.shift(), y.shift());
            assertEquals(x.flipped(), y.flipped());
            for (int s : x.shift()) {
                assertTrue(s >= -3 && s <= 3, "shift " + s);
            }
            distinct.add(java.util.Arrays.toString(x.shift()) + x.flipped());
            flips += x.flipped() ? 1 : 0;
            shifted += java.util.Arrays.stream(x.shift()).anyMatch(s -> s != 0) ? 1 : 0;
        }
        assertTrue(distinct.size() > 50, "draws vary over epochs: " + distinct.size());
        assertTrue(flips > 70 && flips < 130, "about half flipped: " + flips);
        assertTrue(shifted > 70 && shifted < 130, "about half shifted: " + shifted);
        StringBuilder seq42 = new StringBuilder();
        StringBuilder seq43 = new StringBuilder();
        Augmenter other = new Augmenter(43, 3, true);
        for (int e = 0; e < 20; e++) {
            seq42.append(java.util.Arrays.toString(a.draw("subject-7", e, 3).shift()));
            seq43.append(java.util.Arrays.toString(other.draw("subject-7", e, 3).shift()));
        }
        assertNotEquals(seq42.toString(), seq43.toString(), "another seed gives other draws");
    }

    @Test
    void noShiftNoFlipIsIdentity() {
        Augmenter a = new Augmenter(1, 0, false);
        Sample s = new Sample("a", 2, new int[] {2, 2}, new float[] {1, 2, 3, 4}, 1f);
        assertArrayEquals(s.image(), a.apply(s, 3).image());
    }
}
