package org.istn.brain;

/**
 * A site's head pose in the scanner: the subject is rotated by {@code R = Rz(rz)·Ry(ry)·Rx(rx)}
 * (degrees, right-handed about the output grid's x, y and z axes, through the grid centre) and
 * then shifted by {@code t = (tx, ty, tz)} mm. An output point q (mm from the grid centre)
 * therefore shows the subject at {@code p = Rᵀ·(q − t)}; the identity pose is all zeros. Both are
 * physical (degrees, mm), so a cohort made at another {@code --size} has the same poses.
 *
 * @param rx rotation about x, degrees
 * @param ry rotation about y, degrees
 * @param rz rotation about z, degrees
 * @param tx shift along x, mm
 * @param ty shift along y, mm
 * @param tz shift along z, mm
 */
public record Pose(double rx, double ry, double rz, double tx, double ty, double tz) {

    /** No rotation, no shift. */
    public static final Pose IDENTITY = new Pose(0, 0, 0, 0, 0, 0);

    /** @throws IllegalArgumentException for a value that is not finite */
    public Pose {
        for (double v : new double[] {rx, ry, rz, tx, ty, tz}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("pose values must be finite, found " + v);
            }
        }
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
