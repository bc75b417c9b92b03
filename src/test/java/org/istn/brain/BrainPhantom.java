package org.istn.brain;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.istn.io.nifti.NiftiVolume;
import org.istn.io.nifti.NiftiWriter;

/**
 * A small synthetic "brain" for fast tests: a 2 mm grid of 60×70×56 voxels holding an ellipsoid
 * with semi-axes 40, 50, 36 mm (longest along y) centred in the grid: a "white matter" core
 * (value 100), a "grey matter" shell (60) in the outer 8 mm, a dark "ventricle" (20) and a bright
 * off-centre blob (130) at +16 mm along x, so that a rotation or a shift is measurable.
 */
final class BrainPhantom {

    static final int[] SHAPE = {60, 70, 56};
    static final double VOXEL = 2.0;
    static final double[] SEMI_AXES = {40, 50, 36};

    private BrainPhantom() {}

    static NiftiVolume volume() {
        float[] d = new float[SHAPE[0] * SHAPE[1] * SHAPE[2]];
        double[] c = {(SHAPE[0] - 1) / 2.0, (SHAPE[1] - 1) / 2.0, (SHAPE[2] - 1) / 2.0};
        for (int z = 0, i = 0; z < SHAPE[2]; z++) {
            for (int y = 0; y < SHAPE[1]; y++) {
                for (int x = 0; x < SHAPE[0]; x++, i++) {
                    double px = (x - c[0]) * VOXEL;
                    double py = (y - c[1]) * VOXEL;
                    double pz = (z - c[2]) * VOXEL;
                    double r = Math.sqrt(sq(px / SEMI_AXES[0]) + sq(py / SEMI_AXES[1]) + sq(pz / SEMI_AXES[2]));
                    if (r > 1) {
                        continue;
                    }
                    double inner = Math.sqrt(sq(px / (SEMI_AXES[0] - 8)) + sq(py / (SEMI_AXES[1] - 8))
                            + sq(pz / (SEMI_AXES[2] - 8)));
                    float v = inner <= 1 ? 100 : 60;
                    if (sq(px / 6) + sq(py / 14) + sq(pz / 6) <= 1) {
                        v = 20;
                    }
                    if (sq(px - 16) + sq(py) + sq(pz) <= 64) {
                        v = 130;
                    }
                    d[i] = v;
                }
            }
        }
        return NiftiVolume.create(SHAPE, d, new double[] {VOXEL, VOXEL, VOXEL}, null);
    }

    static Template template() throws BrainCohortException {
        return Template.of(volume(), "phantom");
    }

    /** Writes the phantom as {@code dir/phantom.nii.gz}. */
    static Path write(Path dir) throws IOException {
        Path f = dir.resolve("phantom.nii.gz");
        try (OutputStream os = Files.newOutputStream(f)) {
            NiftiWriter.write(volume(), os, true);
        }
        return f;
    }

    /**
     * Options for the phantom: 20³ over 160 mm (8 mm voxels; the phantom at scale 1.15 spans
     * 115 mm along y), 3/2/2 subjects per site, one thread, the default site profiles but a T shift
     * of (8, −8, 8) mm so that the brain stays inside the small grid.
     */
    static BrainCohortOptions options(Path template, Path out) {
        return BrainCohortOptions.defaults().withTemplate(template).withOut(out).withGrid(20, 160).withSizes(3, 2, 2)
                .withThreads(1).withSites(SiteProfile.defaultSource(),
                        SiteProfile.defaultTarget().withPose(new Pose(3, -2, 6, 8, -8, 8)));
    }

    private static double sq(double v) {
        return v * v;
    }
}
