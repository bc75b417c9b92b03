package org.istn.io.nifti;

import static org.istn.io.nifti.NiftiAssertions.assertMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The header's affine rules (sform, else qform, else pixdim), the qform derived for new volumes,
 * and validation messages. Known answers are nibabel's own doc examples or hand-derived;
 * tolerance 1e-12 per entry unless stated.
 */
class NiftiHeaderTest {

    private static final double TOL = 1e-12;

    @Test
    void baseAffineWhenNoTransformIsSet() {
        // nibabel's docstring of get_base_affine / shape_zoom_affine
        NiftiHeader h = NiftiHeader.builder().dims(3, 5, 7).pixdim(1, 3, 2, 1, 1, 1, 1, 1).build();
        assertMatrix(new double[][] {{-3, 0, 0, 3}, {0, 2, 0, -4}, {0, 0, 1, -3}, {0, 0, 0, 1}},
                h.affine(), TOL, "base affine");
        NiftiHeader twoD = NiftiHeader.builder().dims(3, 5).pixdim(1, 3, 2, 9, 1, 1, 1, 1).build();
        assertMatrix(new double[][] {{-3, 0, 0, 3}, {0, 2, 0, -4}, {0, 0, 1, 0}, {0, 0, 0, 1}},
                twoD.affine(), TOL, "2D base affine ignores pixdim[3]");
    }

    @Test
    void qformWithNegativeQfac() {
        // quaternion (b, c, d) = (0, 0, 1): 180 degrees about z, R = diag(-1, -1, 1)
        NiftiHeader h = NiftiHeader.builder().dims(4, 4, 4).pixdim(-1, 2, 3, 4, 1, 1, 1, 1)
                .qform(1, 0, 0, 1, 10, 20, 30).build();
        assertMatrix(new double[][] {{-2, 0, 0, 10}, {0, -3, 0, 20}, {0, 0, -4, 30},
            {0, 0, 0, 1}}, h.affine(), TOL, "qform, qfac -1");
    }

    @Test
    void sformWinsOverQform() {
        double[][] s = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {0, 0, 0, 1}};
        NiftiHeader h = NiftiHeader.builder().dims(2, 2, 2).qform(1, 0, 0, 1, 10, 20, 30)
                .sform(3, s[0], s[1], s[2]).build();
        assertMatrix(s, h.affine(), 0, "sform");
        assertMatrix(h.qformAffine(), h.withScaling(1, 0).toBuilder()
                .sform(0, s[0], s[1], s[2]).build().affine(), 0, "qform once sform_code is 0");
    }

    @Test
    void newVolumeGetsSformAndMatchingQform() {
        double c = Math.cos(0.4);
        double s = Math.sin(0.4);
        double[][] a = {{-c * 1.5, -s * 0.5, 0, -90}, {-s * 1.5, c * 0.5, 0, 126},
            {0, 0, 2, -72}, {0, 0, 0, 1}};
        NiftiHeader h = NiftiHeader.forVolume(new int[] {5, 4, 3}, new double[] {1.5, 0.5, 2}, a);
        assertEquals(NiftiHeader.XFORM_ALIGNED, h.sformCode(), "sform_code");
        assertEquals(NiftiHeader.XFORM_ALIGNED, h.qformCode(), "qform_code: qform fits");
        assertEquals(-1, h.pixdim()[0], 0, "qfac of a left-handed affine");
        assertArrayEquals(new double[] {1.5, 0.5, 2}, h.voxelSize(), 0, "voxel size");
        assertMatrix(a, h.affine(), 0, "affine is the sform");
        assertMatrix(a, h.qformAffine(), 1e-12, "qform reproduces the affine");
        assertEquals(NiftiHeader.UNITS_MM_SEC, h.xyztUnits(), "xyzt_units");
    }

    @Test
    void qformIsUnknownWhenItCannotRepresentTheAffine() {
        double[][] sheared = {{1, 0.3, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        assertEquals(0, NiftiHeader.forVolume(new int[] {2, 2, 2}, new double[] {1, 1.044030650891055, 1},
                sheared).qformCode(), "shear");
        double[][] diag = {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}};
        assertEquals(0, NiftiHeader.forVolume(new int[] {2, 2, 2}, new double[] {1, 1, 1}, diag)
                .qformCode(), "voxel sizes differ from the affine's column norms");
        NiftiHeader none = NiftiHeader.forVolume(new int[] {4, 3}, new double[] {0.5, 2}, null);
        assertMatrix(new double[][] {{0.5, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}},
                none.affine(), 0, "no affine: voxel sizes on the diagonal");
        assertEquals(2, none.qformCode(), "qform_code");
    }

    @Test
    void nearHalfTurnQformFollowsNifti1Threshold() {
        // 180 degrees about z exactly: quaternion w = 0, representable
        double[][] half = {{-1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        assertEquals(2, NiftiHeader.forVolume(new int[] {2, 2, 2}, new double[] {1, 1, 1}, half)
                .qformCode(), "half turn");
        // w = sin(1e-4): w^2 = 1e-8 is under NIfTI-1's 3 * eps(float32), so readers take w = 0
        // and the rotation would be off by about 2e-4; the sform alone must carry it
        double t = Math.PI - 2e-4;
        double[][] almost = {{Math.cos(t), -Math.sin(t), 0, 0}, {Math.sin(t), Math.cos(t), 0, 0},
            {0, 0, 1, 0}, {0, 0, 0, 1}};
        NiftiHeader h = NiftiHeader.forVolume(new int[] {2, 2, 2}, new double[] {1, 1, 1}, almost);
        assertEquals(0, h.qformCode(), "almost a half turn");
        assertMatrix(almost, h.affine(), 0, "the sform is exact");
        assertMatrix(almost, h.withVersion(2).qformAffine(), 1e-12,
                "NIfTI-2's float64 threshold keeps w");
    }

    @Test
    void dataShapeDropsTrailingSingletons() {
        assertArrayEquals(new int[] {4, 3, 2}, NiftiHeader.builder().dims(4, 3, 2, 1, 1)
                .build().dataShape());
        assertArrayEquals(new int[] {4, 3, 1}, NiftiHeader.builder().dims(4, 3, 1).build()
                .dataShape());
        assertArrayEquals(new int[] {4, 3}, NiftiHeader.builder().dims(4, 3).build().dataShape());
        assertArrayEquals(new int[] {9, 1}, NiftiHeader.builder().dims(9).build().dataShape());
    }

    @Test
    void invalidHeadersAreRejected() {
        assertEquals("NIfTI header: dim[4] is 5; expected 1 (a header describes a single 2D or 3D"
                + " volume)", assertThrows(IllegalArgumentException.class,
                        () -> NiftiHeader.builder().dims(4, 3, 2, 5).build()).getMessage());
        assertEquals("NIfTI header: version is 3; expected 1 or 2",
                assertThrows(IllegalArgumentException.class,
                        () -> NiftiHeader.builder().version(3).build()).getMessage());
        assertEquals("NIfTI header: descrip has 81 bytes; at most 80 fit",
                assertThrows(IllegalArgumentException.class,
                        () -> NiftiHeader.builder().descrip("x".repeat(81)).build()).getMessage());
        assertEquals("NIfTI header: pixdim[2] is NaN; expected a finite value",
                assertThrows(IllegalArgumentException.class, () -> NiftiHeader.builder()
                        .pixdim(1, 1, Double.NaN, 1, 1, 1, 1, 1).build()).getMessage());
        assertEquals("NIfTI header: sform_code is 7; expected 0 to 5",
                assertThrows(IllegalArgumentException.class, () -> NiftiHeader.builder()
                        .sform(7, new double[4], new double[4], new double[4]).build())
                        .getMessage());
    }

    @Test
    void invalidNewVolumeArgumentsAreRejected() {
        assertEquals("shape [2, 2, 2, 2] has 4 dimensions; expected 2 or 3",
                assertThrows(IllegalArgumentException.class, () -> NiftiHeader.forVolume(
                        new int[] {2, 2, 2, 2}, new double[] {1, 1, 1, 1}, null)).getMessage());
        assertEquals("voxelSize [1.0, 1.0] has 2 entries; expected 3 (one per dimension of shape"
                + " [2, 2, 2])", assertThrows(IllegalArgumentException.class,
                        () -> NiftiHeader.forVolume(new int[] {2, 2, 2}, new double[] {1, 1}, null))
                        .getMessage());
        assertEquals("voxelSize [1.0, -1.0] has -1.0; expected finite sizes > 0",
                assertThrows(IllegalArgumentException.class, () -> NiftiHeader.forVolume(
                        new int[] {2, 2}, new double[] {1, -1}, null)).getMessage());
        double[][] singular = {{1, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        assertEquals("affine has a singular 3x3 part (determinant 0.0); expected a non-singular"
                + " one", assertThrows(IllegalArgumentException.class, () -> NiftiHeader.forVolume(
                        new int[] {2, 2, 2}, new double[] {1, 1, 1}, singular)).getMessage());
        double[][] lastRow = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 1, 1}};
        assertEquals("affine's last row is [0.0, 0.0, 1.0, 1.0]; expected [0.0, 0.0, 0.0, 1.0]",
                assertThrows(IllegalArgumentException.class, () -> NiftiHeader.forVolume(
                        new int[] {2, 2, 2}, new double[] {1, 1, 1}, lastRow)).getMessage());
    }
}
