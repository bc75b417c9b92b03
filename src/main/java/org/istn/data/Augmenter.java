package org.istn.data;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Seeded training-time augmentation: with probability 1/2 a shift of up to {@code maxShift}
 * voxels along every axis (zero fill), and, when enabled, with probability 1/2 a flip of the
 * x axis (left-right in RAS-oriented volumes).
 *
 * <p>The random draw for a sample depends only on (seed, epoch, sample id), never on which
 * executor or partition sees it, so a run is reproducible under any parallelism.
 */
public final class Augmenter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final int maxShift;
    private final boolean flip;

    public Augmenter(long seed, int maxShift, boolean flip) {
        if (maxShift < 0) {
            throw new IllegalArgumentException("maxShift must be >= 0, found " + maxShift);
        }
        this.seed = seed;
        this.maxShift = maxShift;
        this.flip = flip;
    }

    /** What was done to one sample: the shift per axis and whether x was flipped. */
    public record Applied(int[] shift, boolean flipped) {}

    /** The draw for {@code id} in {@code epoch}. */
    public Applied draw(String id, int epoch, int rank) {
        SplittableRandom rng = new SplittableRandom(mix(seed, epoch, id));
        int[] shift = new int[rank];
        if (maxShift > 0 && rng.nextBoolean()) {
            for (int a = 0; a < rank; a++) {
                shift[a] = rng.nextInt(-maxShift, maxShift + 1);
            }
        } else {
            rng.nextBoolean();
        }
        boolean flipped = flip && rng.nextBoolean();
        return new Applied(shift, flipped);
    }

    /** The augmented copy of {@code s} for {@code epoch}. */
    public Sample apply(Sample s, int epoch) {
        Applied a = draw(s.id(), epoch, s.shape().length);
        return s.withImage(transform(s.image(), s.shape(), a));
    }

    /** Shifts (output[x] = input[x - shift], zero outside) and then optionally flips x. */
    static float[] transform(float[] in, int[] shape, Applied a) {
        int nx = shape[0];
        int ny = shape[1];
        int nz = shape.length > 2 ? shape[2] : 1;
        int sx = a.shift()[0];
        int sy = a.shift()[1];
        int sz = shape.length > 2 ? a.shift()[2] : 0;
        float[] out = new float[in.length];
        for (int z = 0; z < nz; z++) {
            int zs = z - sz;
            if (zs < 0 || zs >= nz) {
                continue;
            }
            for (int y = 0; y < ny; y++) {
                int ys = y - sy;
                if (ys < 0 || ys >= ny) {
                    continue;
                }
                int dst = (z * ny + y) * nx;
                int src = (zs * ny + ys) * nx;
                for (int x = 0; x < nx; x++) {
                    int xs = x - sx;
                    int xo = a.flipped() ? nx - 1 - x : x;
                    out[dst + xo] = (xs < 0 || xs >= nx) ? 0f : in[src + xs];
                }
            }
        }
        return out;
    }

    private static long mix(long seed, int epoch, String id) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch;
        h ^= id.hashCode() * 0xC2B2AE3D27D4EB4FL;
        h ^= (h >>> 31);
        return h * 0xBF58476D1CE4E5B9L;
    }
}
