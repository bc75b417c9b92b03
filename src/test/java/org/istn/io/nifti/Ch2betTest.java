package org.istn.io.nifti;

import static org.istn.io.nifti.NiftiAssertions.assertMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real brain: Colin27 skull-stripped T1 ({@code ch2bet.nii.gz}, uint8, 181x217x181) from
 * Debian's {@code mricron-data}, located by the system property {@code istn.ch2bet} (default
 * {@value #DEFAULT}). Shape, affine and voxel sum agree with nibabel; the sum is computed by
 * nibabel in the same run (float64 sum of {@code get_fdata(dtype=float32)}), exact since the
 * voxels are small integers.
 */
class Ch2betTest {

    static final String DEFAULT = "/usr/share/mricron/templates/ch2bet.nii.gz";

    /** The file, or a test failure saying how to install it. */
    static Path ch2bet() {
        Path p = Path.of(System.getProperty("istn.ch2bet", DEFAULT));
        if (!Files.isRegularFile(p)) {
            fail("ch2bet.nii.gz not found at " + p + "; install it with"
                    + " 'apt-get install -y mricron-data' or set -Distn.ch2bet=PATH");
        }
        return p;
    }

    @Test
    void readsLikeNibabel(@TempDir Path dir) throws IOException {
        Path file = ch2bet();
        Files.createSymbolicLink(dir.resolve("ch2bet.nii.gz"), file.toAbsolutePath());
        PythonScripts.run("nifti_nibabel_load.py", dir.toString(), "--no-data");
        Map<String, String> nib = PythonScripts.manifest(dir.resolve("loaded.tsv"))
                .get("ch2bet.nii.gz");
        assertFalse(nib.containsKey("error"), "nibabel failed: " + nib.get("error"));

        NiftiVolume v = NiftiReader.read(file);
        assertArrayEquals(new int[] {181, 217, 181}, v.shape(), "shape");
        assertArrayEquals(PythonScripts.ints(nib.get("shape")), v.shape(), "shape vs nibabel");
        assertEquals(NiftiDatatype.UINT8, v.header().datatype(), "datatype");
        assertArrayEquals(PythonScripts.doubles(nib.get("zooms")), v.header().voxelSize(), 0,
                "voxel size vs nibabel");
        assertMatrix(PythonScripts.matrix(nib.get("affine")), v.affine(), 1e-9,
                "affine vs nibabel");
        double sum = 0;
        for (int i = 0; i < v.voxelCount(); i++) {
            sum += v.get(i);
        }
        assertEquals(Double.parseDouble(nib.get("sum")), sum, 0, "voxel sum vs nibabel");
        v.requireFinite(file.toString());
    }
}
