package org.istn.brain;

/**
 * A site's head pose in the scanner: the subject is rotated by {@code R = Rz(rz)·Ry(ry)·Rx(rx)}
 * (degrees, right-handed about the output grid's x, y and z axes, through the grid centre) and
 * then shifted by {@code t = (tx, ty, tz)} mm, and the site shows it magnified by {@code m}
 * (a scanner whose voxels are smaller than its header says: a gradient-calibration error). An
 * output point q (mm from the grid centre) therefore shows the subject at {@code p = Rᵀ·(q − t) / m};
 * the identity pose is all zeros and m = 1. All are physical (degrees, mm, a ratio), so a cohort
 * made at another {@code --size} has the same poses. The magnification is imaging, not anatomy:
 * the subject's brain volume (and so its labels) does not change with it.
 *
 * @param rx rotation about x, degrees
 * @param ry rotation about y, degrees
 * @param rz rotation about z, degrees
 * @param tx shift along x, mm
 * @param ty shift along y, mm
 * @param tz shift along z, mm
 * @param magnification how much larger the site shows a head than it is (1 = true size)
 */
public record Pose(double rx, double ry, double rz, double tx, double ty, double tz, double magnification) {

    /** The smallest magnification a site may have. */
    public static final double MIN_MAGNIFICATION = 0.8;
    /** The largest magnification a site may have. */
    public static final double MAX_MAGNIFICATION = 1.25;

    /** No rotation, no shift, true size. */
    public static final Pose IDENTITY = new Pose(0, 0, 0, 0, 0, 0);

    /**
     * @throws IllegalArgumentException for a value that is not finite, or a magnification that is
     *     not positive
     */
    public Pose {
        for (double v : new double[] {rx, ry, rz, tx, ty, tz, magnification}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("pose values must be finite, found " + v);
            }
        }
        if (magnification <= 0) {
            throw new IllegalArgumentException("pose magnification must be positive, found " + magnification);
        }
    }

    /** A pose at true size (magnification 1). */
    public Pose(double rx, double ry, double rz, double tx, double ty, double tz) {
        this(rx, ry, rz, tx, ty, tz, 1);
    }

    /** Whether a magnification is within [{@value #MIN_MAGNIFICATION}, {@value #MAX_MAGNIFICATION}]. */
    public static boolean magnificationInRange(double m) {
        return m >= MIN_MAGNIFICATION && m <= MAX_MAGNIFICATION;
    }

    /** This pose with another magnification. */
    public Pose withMagnification(double m) {
        return new Pose(rx, ry, rz, tx, ty, tz, m);
    }

    /** The rotation angles {rx, ry, rz} in degrees. */
    public double[] rotation() {
        return new double[] {rx, ry, rz};
    }

    /** The shift {tx, ty, tz} in mm. */
    public double[] translation() {
        return new double[] {tx, ty, tz};
    }

    /** The rotation matrix R = Rz·Ry·Rx, row-major 3×3. */
    public double[][] matrix() {
        double a = Math.toRadians(rx);
        double b = Math.toRadians(ry);
        double c = Math.toRadians(rz);
        double[][] x = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
        double[][] y = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
        double[][] z = {{Math.cos(c), -Math.sin(c), 0}, {Math.sin(c), Math.cos(c), 0}, {0, 0, 1}};
        return multiply(z, multiply(y, x));
    }

    private static double[][] multiply(double[][] p, double[][] q) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        return r;
    }
}
