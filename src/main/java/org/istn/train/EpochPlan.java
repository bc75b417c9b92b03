package org.istn.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which images form which step of an epoch, and which worker runs it. Domain A's ids and B's ids
 * (when there is a B) are shuffled by (seed, epoch); step s takes A's and B's s-th slice of
 * {@code batch}; an epoch has ⌊min(|A|, |B|) / batch⌋ steps (at least one, smaller, when a
 * domain has fewer images than a batch). Steps go to workers in averaging rounds: round r gives
 * worker w the steps {@code r·W·F + w·F … + F − 1} (W workers, F = averaging frequency), so one
 * worker runs them all in order, and the plan does not depend on how Spark partitioned the data.
 *
 * @param epoch 1-based epoch
 * @param steps the steps in order
 * @param workers W
 * @param frequency F
 */
public record EpochPlan(int epoch, List<Step> steps, int workers, int frequency) implements Serializable {

    /** One step: the ids of its A images and (or empty) B images, in batch order. */
    public record Step(long index, List<String> a, List<String> b) implements Serializable {
        public Step {
            a = new ArrayList<>(a); // serializable copies (sub-lists are not)
            b = new ArrayList<>(b);
        }
    }

    public EpochPlan {
        steps = new ArrayList<>(steps);
        if (workers < 1 || frequency < 1) {
            throw new IllegalArgumentException("workers and frequency must be >= 1");
        }
    }

    /**
     * @param aIds domain A ids (any order: they are sorted first)
     * @param bIds domain B ids, or an empty list for single-domain training
     */
    public static EpochPlan of(long seed, int epoch, List<String> aIds, List<String> bIds, int batch, int workers,
            int frequency) {
        if (aIds.isEmpty()) {
            throw new IllegalArgumentException("no training images");
        }
        List<String> a = shuffled(aIds, seed, epoch, 1);
        List<String> b = shuffled(bIds, seed, epoch, 2);
        int usable = b.isEmpty() ? a.size() : Math.min(a.size(), b.size());
        int size = Math.min(batch, usable);
        int n = usable / size;
        List<Step> steps = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            steps.add(new Step(s, a.subList(s * size, (s + 1) * size),
                    b.isEmpty() ? List.of() : b.subList(s * size, (s + 1) * size)));
        }
        return new EpochPlan(epoch, steps, workers, frequency);
    }

    private static List<String> shuffled(List<String> ids, long seed, int epoch, int domain) {
        List<String> l = new ArrayList<>(ids);
        Collections.sort(l);
        Collections.shuffle(l, new Random(seed * 1_000_003L + epoch * 31L + domain));
        return List.copyOf(l);
    }

    /** Number of averaging rounds. */
    public int rounds() {
        int perRound = workers * frequency;
        return (steps.size() + perRound - 1) / perRound;
    }

    /** The steps worker {@code w} runs in round {@code r}, in order (possibly none in the last round). */
    public List<Step> stepsOf(int round, int worker) {
        int from = round * workers * frequency + worker * frequency;
        int to = Math.min(from + frequency, steps.size());
        return from >= to ? List.of() : new ArrayList<>(steps.subList(from, to));
    }

    /** Samples per epoch (an A–B pair counts once). */
    public long samples() {
        return steps.stream().mapToLong(s -> s.a().size()).sum();
    }
}
