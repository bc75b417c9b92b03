package org.istn.brain;

import java.util.SplittableRandom;

/**
 * Generators derived from the one master seed, keyed by what they are for (site, split, subject
 * index, purpose), so that every random draw is the same whatever the order or the number of
 * threads that generate the subjects.
 */
final class Seeds {

    /** Purposes of derived generators (the last key). */
    static final long SUBJECT = 1;
    static final long CLASSES = 2;
    static final long BIAS = 3;

    private Seeds() {}

    /** A generator for the master seed and a list of keys. */
    static SplittableRandom of(long seed, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long k : keys) {
            h = mix(h ^ mix(k + 0x632BE59BD9B4E019L));
        }
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser: a bijective mixing of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
