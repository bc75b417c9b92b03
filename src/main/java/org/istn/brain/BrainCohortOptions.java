package org.istn.brain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link BrainCohort#build} makes: the template, the output grid, the split sizes per site,
 * the seed, the subjects' anatomy (scale range, deformation) and the two sites' profiles.
 * Validated on construction; each error names the command-line option, the value found and the
 * range allowed. Start from {@link #defaults()} and change fields with the {@code with…} methods.
 *
 * @param template the template NIfTI (default {@link Template#DEFAULT_PATH})
 * @param out the cohort folder (default {@code data/brain-cohort})
 * @param size output grid voxels per axis (8 … 256; default 64)
 * @param fovMm output field of view per axis in mm (50 … 500; default 256), so the spacing is
 *        {@code fovMm / size}
 * @param train training subjects per site (1 … 100000)
 * @param val validation subjects per site (1 … 100000)
 * @param test test subjects per site (1 … 100000)
 * @param seed master seed of every random draw
 * @param scaleMin smallest global scale (0.5 … 2)
 * @param scaleMax largest global scale (> scaleMin, ≤ 2); the size class splits the range at its middle
 * @param warpMm standard deviation of the B-spline control-point displacements, mm (0 … 2/15 of
 *        the spacing, so that the ±3σ clamp stays within 0.4 of the spacing)
 * @param warpSpacingMm B-spline control-point spacing, mm (10 … 200)
 * @param source profile of site S
 * @param target profile of site T
 * @param threads subjects generated at once (1 … 256)
 * @param force whether to replace an existing complete cohort made with other parameters
 * @param progressEvery subjects between progress lines
 */
public record BrainCohortOptions(Path template, Path out, int size, double fovMm, int train, int val, int test,
        long seed, double scaleMin, double scaleMax, double warpMm, double warpSpacingMm, SiteProfile source,
        SiteProfile target, int threads, boolean force, int progressEvery) {

    /** The largest number of subjects per split. */
    public static final int MAX_SUBJECTS = 100_000;

    /** @throws IllegalArgumentException naming the option, the value found and the allowed range */
    public BrainCohortOptions {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        range("--size", size, 8, 256);
        check("--fov", fovMm, fovMm >= 50 && fovMm <= 500, "between 50 and 500 mm");
        range("--train", train, 1, MAX_SUBJECTS);
        range("--val", val, 1, MAX_SUBJECTS);
        range("--test", test, 1, MAX_SUBJECTS);
        check("--scale-min", scaleMin, scaleMin >= 0.5 && scaleMin <= 2, "between 0.5 and 2");
        check("--scale-max", scaleMax, scaleMax <= 2 && scaleMax > scaleMin,
                "above --scale-min (" + scaleMin + ") and at most 2");
        check("--warp-spacing", warpSpacingMm, warpSpacingMm >= 10 && warpSpacingMm <= 200, "between 10 and 200 mm");
        double maxWarp = warpSpacingMm * 2 / 15;
        check("--warp", warpMm, warpMm >= 0 && warpMm <= maxWarp + 1e-12, String.format(java.util.Locale.ROOT,
                "between 0 and 2/15 of --warp-spacing (%.4g mm for %s mm), so that no control point moves more than"
                        + " 0.4 of the spacing", maxWarp, warpSpacingMm));
        site(Site.S, source, fovMm);
        site(Site.T, target, fovMm);
        range("--threads", threads, 1, 256);
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progressEvery must be at least 1, found " + progressEvery);
        }
    }

    /**
     * The defaults: Colin27 from {@code mricron-data}, {@code data/brain-cohort}, 64³ over 256 mm
     * (4 mm voxels), 200/50/50 subjects per site, seed 42, scale 0.85 … 1.15, warp σ 5 mm on a
     * 40 mm lattice, {@link SiteProfile#defaultSource()} and {@link SiteProfile#defaultTarget()},
     * as many threads as processors, no {@code --force}, progress every 50 subjects.
     */
    public static BrainCohortOptions defaults() {
        return new BrainCohortOptions(Template.DEFAULT_PATH, Path.of("data", "brain-cohort"), 64, 256, 200, 50, 50, 42,
                0.85, 1.15, 5, 40, SiteProfile.defaultSource(), SiteProfile.defaultTarget(),
                Math.max(1, Math.min(256, Runtime.getRuntime().availableProcessors())), false, 50);
    }

    /** The output voxel spacing, mm. */
    public double spacingMm() {
        return fovMm / size;
    }

    /** The scale that splits the size classes: the middle of the scale range. */
    public double scaleThreshold() {
        return (scaleMin + scaleMax) / 2;
    }

    /** The profile of one site. */
    public SiteProfile profile(Site s) {
        return s == Site.S ? source : target;
    }

    /** Subjects per site in one split. */
    public int count(Split s) {
        return switch (s) {
            case TRAIN -> train;
            case VAL -> val;
            case TEST -> test;
        };
    }

    /** These options with another template. */
    public BrainCohortOptions withTemplate(Path t) {
        return new BrainCohortOptions(t, out, size, fovMm, train, val, test, seed, scaleMin, scaleMax, warpMm,
                warpSpacingMm, source, target, threads, force, progressEvery);
    }

    /** These options with another output folder. */
    public BrainCohortOptions withOut(Path o) {
        return new BrainCohortOptions(template, o, size, fovMm, train, val, test, seed, scaleMin, scaleMax, warpMm,
                warpSpacingMm, source, target, threads, force, progressEvery);
    }

    /** These options with another output grid. */
    public BrainCohortOptions withGrid(int n, double fov) {
        return new BrainCohortOptions(template, out, n, fov, train, val, test, seed, scaleMin, scaleMax, warpMm,
                warpSpacingMm, source, target, threads, force, progressEvery);
    }

    /** These options with other split sizes (per site). */
    public BrainCohortOptions withSizes(int tr, int va, int te) {
        return new BrainCohortOptions(template, out, size, fovMm, tr, va, te, seed, scaleMin, scaleMax, warpMm,
                warpSpacingMm, source, target, threads, force, progressEvery);
    }

    /** These options with another seed. */
    public BrainCohortOptions withSeed(long s) {
        return new BrainCohortOptions(template, out, size, fovMm, train, val, test, s, scaleMin, scaleMax, warpMm,
                warpSpacingMm, source, target, threads, force, progressEvery);
    }

    /** These options with another anatomy: scale range and deformation. */
    public BrainCohortOptions withAnatomy(double sMin, double sMax, double warp, double warpSpacing) {
        return new BrainCohortOptions(template, out, size, fovMm, train, val, test, seed, sMin, sMax, warp,
                warpSpacing, source, target, threads, force, progressEvery);
    }

    /** These options with other site profiles. */
    public BrainCohortOptions withSites(SiteProfile s, SiteProfile t) {
        return new BrainCohortOptions(template, out, size, fovMm, train, val, test, seed, scaleMin, scaleMax, warpMm,
                warpSpacingMm, s, t, threads, force, progressEvery);
    }

    /** These options with another number of threads. */
    public BrainCohortOptions withThreads(int n) {
        return new BrainCohortOptions(template, out, size, fovMm, train, val, test, seed, scaleMin, scaleMax, warpMm,
                warpSpacingMm, source, target, n, force, progressEvery);
    }

    /** These options with or without permission to replace an existing cohort. */
    public BrainCohortOptions withForce(boolean f) {
        return new BrainCohortOptions(template, out, size, fovMm, train, val, test, seed, scaleMin, scaleMax, warpMm,
                warpSpacingMm, source, target, threads, f, progressEvery);
    }

    private static void site(Site s, SiteProfile p, double fov) {
        String o = "--" + s.optionPrefix() + "-";
        check(o + "bias", p.bias(), p.bias() >= 0 && p.bias() <= 1, "between 0 and 1");
        check(o + "gamma", p.gamma(), p.gamma() >= 0.2 && p.gamma() <= 5, "between 0.2 and 5");
        check(o + "noise", p.noise(), p.noise() >= 0 && p.noise() <= 0.5, "between 0 and 0.5");
        check(o + "blur", p.blur(), p.blur() >= 0 && p.blur() <= 20, "between 0 and 20 mm");
        for (double r : p.pose().rotation()) {
            check(o + "rotation", r, Math.abs(r) <= 30, "at most 30 degrees about each axis");
        }
        double maxShift = fov / 8;
        for (double t : p.pose().translation()) {
            check(o + "translation", t, Math.abs(t) <= maxShift,
                    "at most an eighth of --fov (" + maxShift + " mm) along each axis");
        }
        double m = p.pose().magnification();
        check(o + "magnification", m, Pose.magnificationInRange(m),
                "between " + Pose.MIN_MAGNIFICATION + " and " + Pose.MAX_MAGNIFICATION);
    }

    private static void range(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " must be between " + lo + " and " + hi + ", found " + v);
        }
    }

    private static void check(String name, double v, boolean ok, String expected) {
        if (!Double.isFinite(v) || !ok) {
            throw new IllegalArgumentException(name + " must be " + expected + ", found " + v);
        }
    }
}
