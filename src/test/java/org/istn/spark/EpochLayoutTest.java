package org.istn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deal of minibatches to averaging rounds and workers, against a hand count and a brute-force check. */
class EpochLayoutTest {

    @Test
    void handCountedExample() {
        // 45 samples, batches of 4: 12 minibatches (the last of 1 sample); 2 workers x 3 steps = 6 per round
        EpochLayout l = new EpochLayout(45, 4, 2, 3);
        assertEquals(12, l.minibatches());
        assertEquals(2, l.rounds());
        assertEquals(4, l.partitions());
        assertEquals(6, l.minibatchesIn(1));
        // minibatch k of a round goes to worker k mod 2: positions 0-3 (minibatch 0) -> partition 0, 4-7 -> 1, 8-11 -> 0
        assertEquals(0, l.partitionOf(0));
        assertEquals(0, l.partitionOf(3));
        assertEquals(1, l.partitionOf(4));
        assertEquals(0, l.partitionOf(8));
        // minibatch 6 opens round 1 (partition 2); the last sample (minibatch 11, k = 5) -> worker 1 of round 1
        assertEquals(2, l.partitionOf(24));
        assertEquals(3, l.partitionOf(44));
    }

    @Test
    void lastRoundUsesOnlyTheWorkersItCanFeed() {
        // 7 minibatches, 3 workers x 2 steps: round 0 has 6, round 1 has 1 minibatch -> one worker, one step
        EpochLayout l = new EpochLayout(7 * 5, 5, 3, 2);
        assertEquals(2, l.rounds());
        assertEquals(3, l.workersIn(0));
        assertEquals(2, l.stepsIn(0));
        assertEquals(1, l.workersIn(1));
        assertEquals(1, l.stepsIn(1));
        assertEquals(3, l.firstPartition(1));
    }

    /** Every case up to small sizes: the deal is balanced, minibatches stay whole, rounds hold their minibatches. */
    @Test
    void bruteForce() {
        for (int n = 1; n <= 40; n++) {
            for (int bs = 1; bs <= 6; bs++) {
                for (int w = 1; w <= 4; w++) {
                    for (int f = 1; f <= 3; f++) {
                        check(new EpochLayout(n, bs, w, f));
                    }
                }
            }
        }
    }

    private static void check(EpochLayout l) {
        String c = l.toString();
        int[] minibatchPartition = new int[l.minibatches()];
        java.util.Arrays.fill(minibatchPartition, -1);
        int[] perPartitionSamples = new int[l.partitions()];
        for (long p = 0; p < l.samples(); p++) {
            int part = l.partitionOf(p);
            int mb = (int) (p / l.batchSize());
            assertTrue(minibatchPartition[mb] == -1 || minibatchPartition[mb] == part, c + ": minibatch split");
            minibatchPartition[mb] = part;
            perPartitionSamples[part]++;
        }
        int round = 0;
        int seen = 0;
        for (int r = 0; r < l.rounds(); r++) {
            List<Integer> steps = new ArrayList<>();
            for (int w = 0; w < l.workers(); w++) {
                int part = l.firstPartition(r) + w;
                int count = 0;
                for (int p : minibatchPartition) {
                    count += p == part ? 1 : 0;
                }
                if (w < l.workersIn(r)) {
                    assertTrue(count >= 1, c + ": fed worker without data");
                    steps.add(count);
                } else {
                    assertEquals(0, count, c + ": unfed worker with data");
                }
            }
            int max = steps.stream().mapToInt(Integer::intValue).max().orElseThrow();
            int min = steps.stream().mapToInt(Integer::intValue).min().orElseThrow();
            assertEquals(l.stepsIn(r), max, c);
            assertTrue(max - min <= 1, c + ": unbalanced round " + r + " " + steps);
            if (r < l.rounds() - 1) {
                assertEquals(l.workers(), steps.size(), c);
                assertEquals(l.averagingFrequency(), min, c + ": a full round runs averaging_frequency steps");
            }
            seen += l.minibatchesIn(r);
            round++;
        }
        assertEquals(l.minibatches(), seen, c);
        assertEquals(l.rounds(), round);
        // minibatches are dealt in order: rounds never interleave
        for (int mb = 1; mb < minibatchPartition.length; mb++) {
            assertTrue(minibatchPartition[mb] / l.workers() >= minibatchPartition[mb - 1] / l.workers(), c);
        }
        assertEquals(l.samples(), java.util.Arrays.stream(perPartitionSamples).sum(), c);
    }

    @Test
    void invalidArgumentsNameThemselves() {
        assertEquals("an epoch needs at least one training sample, found 0",
                assertThrows(IllegalArgumentException.class, () -> new EpochLayout(0, 4, 2, 1)).getMessage());
        assertEquals("batch_size, workers and averaging_frequency must be >= 1, found 4, 0, 1",
                assertThrows(IllegalArgumentException.class, () -> new EpochLayout(10, 4, 0, 1)).getMessage());
        assertEquals("position 10 outside 0 .. 9",
                assertThrows(IllegalArgumentException.class, () -> new EpochLayout(10, 4, 2, 1).partitionOf(10))
                        .getMessage());
    }
}
