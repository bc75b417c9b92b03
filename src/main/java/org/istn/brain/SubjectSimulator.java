package org.istn.brain;

import java.util.SplittableRandom;

/**
 * Makes subjects from a {@link Template} on the output grid ({@code size³} voxels of
 * {@code fov/size} mm, centred on the brain). One output voxel at q (mm from the grid centre)
 * shows the template at
 * <pre>
 *   p = Rᵀ·(q − t) / m        the site's pose (rotation R, shift t mm, magnification m)
 *   v = p / s                 the subject's global scale s
 *   u = v + d(v)              the subject's smooth random deformation d (mm)
 *   template voxel = c + u / voxelSize     c = the centre of the template's brain box
 * </pre>
 * and takes the template's intensity and brain mask there by trilinear interpolation (0 outside),
 * both pre-smoothed once for the output spacing (see {@link Template#antialiasSigmaMm}), so a
 * subject costs one pass over the output grid and never touches a full-size volume. The brain
 * volume is the sum of the interpolated mask times the voxel volume, divided by m³: the subject's
 * anatomy, not what the site shows.
 *
 * <p>Thread-safe after construction: every subject brings its own generator.
 */
final class SubjectSimulator {

    /** How often a subject is redrawn at most to fall on its size class's side of the threshold. */
    static final int MAX_DRAWS = 1000;

    private final Template template;
    private final BrainCohortOptions o;
    private final Template.Smoothed smooth;
    private final int n;
    private final double h;
    private final int[] tshape;
    private final double[] vs;
    private final double[] centre;
    private final double[] latticeHalfExtent;
    private final double thresholdMl;

    SubjectSimulator(Template template, BrainCohortOptions o) {
        this.template = template;
        this.o = o;
        this.n = o.size();
        this.h = o.spacingMm();
        this.smooth = template.smoothed(h);
        this.tshape = template.shape();
        this.vs = template.voxelSize();
        this.centre = template.centre();
        double[] ext = template.extentMm();
        this.latticeHalfExtent = new double[3];
        for (int a = 0; a < 3; a++) {
            latticeHalfExtent[a] = ext[a] / 2 + o.warpSpacingMm() / 2;
        }
        this.thresholdMl = sample(Pose.IDENTITY, o.scaleThreshold(), identity()).volumeMl();
    }

    /**
     * The resampled anatomy of one subject as one site sees it, before the site's intensity stages.
     *
     * @param intensity template intensities in [0, 1], background 0
     * @param mask brain fractions in [0, 1]
     * @param volumeMl the brain volume, ml
     * @param borderMask the largest mask value on the grid's six faces (above 0: the brain touches the border)
     */
    record Sampled(float[] intensity, float[] mask, double volumeMl, double borderMask) {}

    /**
     * One generated subject.
     *
     * @param image the site's image, n³ values in [0, 1], x fastest
     * @param scale the global scale s
     * @param sizeClass 1 when {@code volumeMl > thresholdMl()}, else 0
     * @param volumeMl the brain volume measured on the output grid, ml
     * @param draws how many (scale, deformation) draws it took to land in its size class
     * @param borderMask as {@link Sampled#borderMask()}
     * @param brainMean the image's mean over brain voxels (mask ≥ 0.5)
     * @param backgroundMean the image's mean outside the brain (mask below 0.01)
     */
    record Subject(float[] image, double scale, int sizeClass, double volumeMl, int draws, double borderMask,
            double brainMean, double backgroundMean) {}

    /** The volume that separates the size classes: the undeformed template at the middle scale, measured on this grid, ml. */
    double thresholdMl() {
        return thresholdMl;
    }

    /** The output grid's voxels per axis. */
    int size() {
        return n;
    }

    /**
     * The bias field's half-width (see {@link BiasField}): half the template brain's largest
     * extent, in output voxels.
     */
    double biasHalfWidthVoxels() {
        double m = 0;
        for (double e : template.extentMm()) {
            m = Math.max(m, e);
        }
        return m / 2 / h;
    }

    /** The template's pre-smoothing for this grid, mm per axis. */
    double[] antialiasSigmaMm() {
        return smooth.sigmaMm().clone();
    }

    /** The identity deformation on this simulator's lattice. */
    BSplineDeformation identity() {
        return new BSplineDeformation(new SplittableRandom(0), latticeHalfExtent, o.warpSpacingMm(), 0);
    }

    /** A random deformation with the options' σ and spacing. */
    BSplineDeformation deformation(SplittableRandom rng) {
        return new BSplineDeformation(rng, latticeHalfExtent, o.warpSpacingMm(), o.warpMm());
    }

    /**
     * The output grid's voxel-to-world matrix: the template's affine after the map from output
     * voxels to template voxels at the identity subject ({@code c + (i − (n−1)/2)·h / voxelSize}),
     * so output and template overlay in world space.
     */
    double[][] outputAffine() {
        double[][] a = template.affine();
        double[][] m = new double[4][4];
        for (int ax = 0; ax < 3; ax++) {
            m[ax][ax] = h / vs[ax];
            m[ax][3] = centre[ax] - (n - 1) / 2.0 * h / vs[ax];
        }
        m[3][3] = 1;
        double[][] r = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    r[i][j] += a[i][k] * m[k][j];
                }
            }
        }
        return r;
    }

    /**
     * Draws a subject of the given size class for a site: a scale uniform in the class's half of
     * the scale range (below or above its middle) and a deformation, redrawn until the measured
     * volume is on the class's side of {@link #thresholdMl()}; then the site's intensity stages.
     *
     * @throws IllegalStateException when {@value #MAX_DRAWS} draws all land on the wrong side
     */
    Subject generate(SiteProfile site, float[] biasFactors, int sizeClass, SplittableRandom rng) {
        double mid = o.scaleThreshold();
        for (int draw = 1; draw <= MAX_DRAWS; draw++) {
            double u = rng.nextDouble();
            double s = sizeClass == 1 ? mid + u * (o.scaleMax() - mid) : o.scaleMin() + u * (mid - o.scaleMin());
            BSplineDeformation d = deformation(rng);
            Sampled a = sample(site.pose(), s, d);
            if ((a.volumeMl() > thresholdMl ? 1 : 0) == sizeClass) {
                float[] img = applySite(a, site, biasFactors, rng);
                float[] m = a.mask();
                double sb = 0;
                double so = 0;
                int nb = 0;
                int no = 0;
                for (int i = 0; i < img.length; i++) {
                    if (m[i] >= 0.5f) {
                        sb += img[i];
                        nb++;
                    } else if (m[i] < 0.01f) {
                        so += img[i];
                        no++;
                    }
                }
                return new Subject(img, s, sizeClass, a.volumeMl(), draw, a.borderMask(), sb / Math.max(1, nb),
                        so / Math.max(1, no));
            }
        }
        throw new IllegalStateException("no subject of size class " + sizeClass + " in " + MAX_DRAWS
                + " draws: the volume threshold " + thresholdMl + " ml is not reachable with scales in ["
                + o.scaleMin() + ", " + o.scaleMax() + "] (is the brain cut off by --fov?)");
    }

    /**
     * The site's intensity stages on a sampled subject: contrast, bias, blur (mm / spacing voxels), normalisation to
     * the brain's 99.5th percentile, Rician noise, clipping to [0, 1]. The input is not changed.
     */
    float[] applySite(Sampled a, SiteProfile site, float[] biasFactors, SplittableRandom rng) {
        float[] img = a.intensity().clone();
        SiteEffects.gamma(img, site.gamma());
        if (site.bias() > 0) {
            SiteEffects.multiply(img, biasFactors);
        }
        if (site.blur() > 0) {
            img = SiteEffects.blur(img, n, site.blur() / h);
        }
        SiteEffects.normalise(img, a.mask());
        SiteEffects.rician(img, site.noise(), rng);
        SiteEffects.clip(img);
        return img;
    }

    /** Resamples the template for one pose, scale and deformation. */
    Sampled sample(Pose pose, double scale, BSplineDeformation d) {
        double[][] r = pose.matrix();
        double[] t = pose.translation();
        double m = pose.magnification();
        scale *= m;
        double c0 = (n - 1) / 2.0;
        // p = Rᵀ(q − t), q = (idx − c0)·h: affine in the voxel index
        double[] p0 = new double[3];
        double[][] step = new double[3][3]; // step[axis of idx][component of p]
        for (int comp = 0; comp < 3; comp++) {
            for (int ax = 0; ax < 3; ax++) {
                step[ax][comp] = r[ax][comp] * h;
                p0[comp] += r[ax][comp] * (-c0 * h - t[ax]);
            }
        }
        float[] ti = smooth.intensity();
        float[] tm = smooth.mask();
        int nx = tshape[0];
        int ny = tshape[1];
        int nz = tshape[2];
        int nxy = nx * ny;
        float[] img = new float[n * n * n];
        float[] mask = new float[n * n * n];
        double[] disp = new double[3];
        double sum = 0;
        double border = 0;
        for (int k = 0, idx = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++, idx++) {
                    double vx = (p0[0] + i * step[0][0] + j * step[1][0] + k * step[2][0]) / scale;
                    double vy = (p0[1] + i * step[0][1] + j * step[1][1] + k * step[2][1]) / scale;
                    double vz = (p0[2] + i * step[0][2] + j * step[1][2] + k * step[2][2]) / scale;
                    d.displacement(vx, vy, vz, disp);
                    double x = centre[0] + (vx + disp[0]) / vs[0];
                    double y = centre[1] + (vy + disp[1]) / vs[1];
                    double z = centre[2] + (vz + disp[2]) / vs[2];
                    int x0 = (int) Math.floor(x);
                    int y0 = (int) Math.floor(y);
                    int z0 = (int) Math.floor(z);
                    if (x0 < -1 || y0 < -1 || z0 < -1 || x0 >= nx || y0 >= ny || z0 >= nz) {
                        continue;
                    }
                    double fx = x - x0;
                    double fy = y - y0;
                    double fz = z - z0;
                    double si = 0;
                    double sm = 0;
                    for (int dz = 0; dz < 2; dz++) {
                        int zz = z0 + dz;
                        if (zz < 0 || zz >= nz) {
                            continue;
                        }
                        double wz = dz == 0 ? 1 - fz : fz;
                        for (int dy = 0; dy < 2; dy++) {
                            int yy = y0 + dy;
                            if (yy < 0 || yy >= ny) {
                                continue;
                            }
                            double wyz = wz * (dy == 0 ? 1 - fy : fy);
                            int row = zz * nxy + yy * nx;
                            for (int dx = 0; dx < 2; dx++) {
                                int xx = x0 + dx;
                                if (xx < 0 || xx >= nx) {
                                    continue;
                                }
                                double w = wyz * (dx == 0 ? 1 - fx : fx);
                                si += w * ti[row + xx];
                                sm += w * tm[row + xx];
                            }
                        }
                    }
                    img[idx] = (float) si;
                    mask[idx] = (float) sm;
                    sum += sm;
                    if (i == 0 || j == 0 || k == 0 || i == n - 1 || j == n - 1 || k == n - 1) {
                        border = Math.max(border, sm);
                    }
                }
            }
        }
        return new Sampled(img, mask, sum * h * h * h / 1000.0 / (m * m * m), border);
    }
}
