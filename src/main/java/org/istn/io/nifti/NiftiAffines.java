package org.istn.io.nifti;

/**
 * The voxel-to-world arithmetic of the NIfTI standard, following nibabel's conventions: the
 * qform from a quaternion and {@code pixdim}, the fall-back affine from {@code pixdim} alone, and
 * the inverse (qform parameters from an affine, with shears stripped by polar decomposition).
 */
final class NiftiAffines {

    /** nibabel's threshold below which the quaternion's w is taken as 0, for float32 fields. */
    static final double QUATERN_THRESHOLD_NIFTI1 = 3 * Math.ulp(1.0f);
    /** The same threshold for NIfTI-2's float64 fields. */
    static final double QUATERN_THRESHOLD_NIFTI2 = 3 * Math.ulp(1.0);

    private NiftiAffines() {}

    /** The qform parameters derived from an affine. */
    record Quatern(double b, double c, double d, double qx, double qy, double qz, double qfac,
            double[] zooms) {}

    /**
     * The qform affine: rotation from the quaternion (b, c, d) with a = sqrt(1 - b²-c²-d²),
     * scaled by pixdim[1..3] with pixdim[3] multiplied by qfac, then the offsets.
     */
    static double[][] fromQuatern(double b, double c, double d, double qx, double qy, double qz,
            double[] pixdim, double threshold) {
        double n2 = b * b + c * c + d * d;
        double w2 = 1.0 - n2;
        double a;
        if (Math.abs(w2) < threshold) {
            a = 0;
        } else if (w2 < 0) {
            // nibabel raises here; like nifti1_io we normalise (b, c, d) to a unit vector
            double n = Math.sqrt(n2);
            b /= n;
            c /= n;
            d /= n;
            a = 0;
        } else {
            a = Math.sqrt(w2);
        }
        double[][] r = rotation(a, b, c, d);
        double qfac = pixdim[0] < 0 ? -1 : 1;
        double[] scale = {pixdim[1], pixdim[2], pixdim[3] * qfac};
        double[][] out = identity();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[i][j] = r[i][j] * scale[j];
            }
        }
        out[0][3] = qx;
        out[1][3] = qy;
        out[2][3] = qz;
        return out;
    }

    /** nibabel's quat2mat for the quaternion (w, x, y, z). */
    private static double[][] rotation(double w, double x, double y, double z) {
        double nq = w * w + x * x + y * y + z * z;
        if (nq < Math.ulp(1.0)) {
            return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        }
        double s = 2.0 / nq;
        double xs = x * s;
        double ys = y * s;
        double zs = z * s;
        double wx = w * xs;
        double wy = w * ys;
        double wz = w * zs;
        double xx = x * xs;
        double xy = x * ys;
        double xz = x * zs;
        double yy = y * ys;
        double yz = y * zs;
        double zz = z * zs;
        return new double[][] {
            {1.0 - (yy + zz), xy - wz, xz + wy},
            {xy + wz, 1.0 - (xx + zz), yz - wx},
            {xz - wy, yz + wx, 1.0 - (xx + yy)}};
    }

    /**
     * nibabel's {@code get_base_affine}: voxel sizes on the diagonal with x flipped, the origin
     * in the centre of the first three dimensions (missing dimensions count as size 1, zoom 1).
     */
    static double[][] base(int[] dims, double[] pixdim) {
        double[][] out = identity();
        for (int i = 0; i < 3; i++) {
            boolean present = i < dims.length;
            double zoom = present ? pixdim[i + 1] : 1.0;
            double size = present ? dims[i] : 1.0;
            if (i == 0) {
                zoom = -zoom;
            }
            out[i][i] = zoom;
            double origin = (size - 1) / 2.0;
            out[i][3] = -origin * zoom;
        }
        return out;
    }

    /** The sform affine from its three rows. */
    static double[][] fromRows(double[] x, double[] y, double[] z) {
        return new double[][] {x.clone(), y.clone(), z.clone(), {0, 0, 0, 1}};
    }

    /**
     * The qform parameters of an affine, as nibabel's {@code set_qform} computes them: zooms are
     * the column norms, a negative determinant gives qfac -1 (third column flipped), and the
     * closest rotation is found by polar decomposition (shears are dropped).
     *
     * @throws IllegalArgumentException when the 3x3 part is singular
     */
    static Quatern toQuatern(double[][] affine) {
        double[][] r = new double[3][3];
        double[] zooms = new double[3];
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += affine[i][j] * affine[i][j];
            }
            zooms[j] = Math.sqrt(s);
            if (!(zooms[j] > 0)) {
                throw new IllegalArgumentException("affine column " + j
                        + " is zero; expected a non-singular 3x3 part");
            }
            for (int i = 0; i < 3; i++) {
                r[i][j] = affine[i][j] / zooms[j];
            }
        }
        double qfac = 1;
        if (det(r) <= 0) {
            qfac = -1;
            for (int i = 0; i < 3; i++) {
                r[i][2] = -r[i][2];
            }
        }
        double[][] u = closestRotation(r);
        double[] q = quaternion(u);
        return new Quatern(q[1], q[2], q[3], affine[0][3], affine[1][3], affine[2][3], qfac,
                zooms);
    }

    /** Polar decomposition by Newton's iteration U ← (U + U⁻ᵀ) / 2. */
    private static double[][] closestRotation(double[][] r) {
        if (Math.abs(det(r)) < 1e-12) {
            throw new IllegalArgumentException("affine has a singular 3x3 part (determinant "
                    + det(r) + "); expected a non-singular one");
        }
        double[][] u = r;
        for (int it = 0; it < 100; it++) {
            double[][] invT = transpose(inverse(u));
            double[][] next = new double[3][3];
            double change = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    next[i][j] = 0.5 * (u[i][j] + invT[i][j]);
                    change = Math.max(change, Math.abs(next[i][j] - u[i][j]));
                }
            }
            u = next;
            if (change < 1e-15) {
                break;
            }
        }
        return u;
    }

    /** Quaternion (w, x, y, z) with w ≥ 0 of a proper rotation matrix (Shepperd's method). */
    private static double[] quaternion(double[][] m) {
        double trace = m[0][0] + m[1][1] + m[2][2];
        double w;
        double x;
        double y;
        double z;
        if (trace > 0) {
            double s = 0.5 / Math.sqrt(trace + 1.0);
            w = 0.25 / s;
            x = (m[2][1] - m[1][2]) * s;
            y = (m[0][2] - m[2][0]) * s;
            z = (m[1][0] - m[0][1]) * s;
        } else if (m[0][0] > m[1][1] && m[0][0] > m[2][2]) {
            double s = 2.0 * Math.sqrt(1.0 + m[0][0] - m[1][1] - m[2][2]);
            w = (m[2][1] - m[1][2]) / s;
            x = 0.25 * s;
            y = (m[0][1] + m[1][0]) / s;
            z = (m[0][2] + m[2][0]) / s;
        } else if (m[1][1] > m[2][2]) {
            double s = 2.0 * Math.sqrt(1.0 + m[1][1] - m[0][0] - m[2][2]);
            w = (m[0][2] - m[2][0]) / s;
            x = (m[0][1] + m[1][0]) / s;
            y = 0.25 * s;
            z = (m[1][2] + m[2][1]) / s;
        } else {
            double s = 2.0 * Math.sqrt(1.0 + m[2][2] - m[0][0] - m[1][1]);
            w = (m[1][0] - m[0][1]) / s;
            x = (m[0][2] + m[2][0]) / s;
            y = (m[1][2] + m[2][1]) / s;
            z = 0.25 * s;
        }
        if (w < 0) {
            return new double[] {-w, -x, -y, -z};
        }
        return new double[] {w, x, y, z};
    }

    static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] inverse(double[][] m) {
        double d = det(m);
        double[][] c = new double[3][3];
        c[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / d;
        c[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / d;
        c[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / d;
        c[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / d;
        c[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / d;
        c[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / d;
        c[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / d;
        c[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / d;
        c[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / d;
        return c;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                t[i][j] = m[j][i];
            }
        }
        return t;
    }

    static double[][] identity() {
        return new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    }

    /** Largest absolute element-wise difference of two 4x4 matrices. */
    static double maxAbsDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    /** Largest absolute element of a 4x4 matrix. */
    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** A deep copy of a 4x4 matrix, validating its shape, finiteness and last row. */
    static double[][] checkedCopy(double[][] affine) {
        if (affine == null || affine.length != 4) {
            throw new IllegalArgumentException("affine must be 4x4; found "
                    + (affine == null ? "null" : affine.length + " rows"));
        }
        double[][] out = new double[4][];
        for (int i = 0; i < 4; i++) {
            if (affine[i] == null || affine[i].length != 4) {
                throw new IllegalArgumentException("affine must be 4x4; row " + i + " has "
                        + (affine[i] == null ? "no" : String.valueOf(affine[i].length))
                        + " entries");
            }
            for (int j = 0; j < 4; j++) {
                if (!Double.isFinite(affine[i][j])) {
                    throw new IllegalArgumentException("affine[" + i + "][" + j + "] is "
                            + affine[i][j] + "; expected a finite value");
                }
            }
            out[i] = affine[i].clone();
        }
        if (out[3][0] != 0 || out[3][1] != 0 || out[3][2] != 0 || out[3][3] != 1) {
            throw new IllegalArgumentException("affine's last row is "
                    + java.util.Arrays.toString(out[3]) + "; expected [0.0, 0.0, 0.0, 1.0]");
        }
        return out;
    }
}
