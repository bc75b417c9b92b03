package org.istn.brain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.istn.io.nifti.NiftiReader;
import org.istn.io.nifti.NiftiVolume;

/**
 * The brain every subject is made from: a skull-stripped 3D T1 volume (by default Colin27's
 * {@code ch2bet.nii.gz}). Its brain mask is every voxel above 0; intensities are divided by the
 * 99.5th percentile of the brain voxels and clipped to [0, 1]; the brain's centre is the middle
 * of the mask's bounding box, in voxel coordinates.
 *
 * <p>Distances inside the template are in mm along its voxel axes ({@code voxel index × voxel
 * size}), so a template with any affine works; the output grid keeps those axes (see
 * {@link SubjectSimulator#outputAffine()}).
 */
public final class Template {

    /** Where Debian's {@code mricron-data} installs Colin27's skull-stripped T1. */
    public static final Path DEFAULT_PATH = Path.of("/usr/share/mricron/templates/ch2bet.nii.gz");

    private final String source;
    private final int[] shape;
    private final double[] voxelSize;
    private final double[][] affine;
    private final float[] intensity;
    private final float[] mask;
    private final double[] centre;
    private final double[] extentMm;
    private final double brainVolumeMl;
    private final double percentile995;

    private Template(String source, NiftiVolume v) throws BrainCohortException {
        this.source = source;
        this.shape = v.shape();
        if (shape.length != 3) {
            throw new BrainCohortException("template " + source + " is " + shape.length + "D " + Arrays.toString(shape)
                    + "; expected a 3D brain volume");
        }
        this.voxelSize = v.header().voxelSize();
        this.affine = v.affine();
        float[] raw = v.data();
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        int brain = 0;
        this.mask = new float[raw.length];
        for (int z = 0, i = 0; z < shape[2]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[0]; x++, i++) {
                    float r = raw[i];
                    if (!Float.isFinite(r)) {
                        throw new BrainCohortException("template " + source + " has a non-finite value " + r
                                + " at voxel (" + x + ", " + y + ", " + z + ")");
                    }
                    if (r > 0) {
                        mask[i] = 1;
                        brain++;
                        lo[0] = Math.min(lo[0], x);
                        lo[1] = Math.min(lo[1], y);
                        lo[2] = Math.min(lo[2], z);
                        hi[0] = Math.max(hi[0], x);
                        hi[1] = Math.max(hi[1], y);
                        hi[2] = Math.max(hi[2], z);
                    }
                }
            }
        }
        if (brain == 0) {
            throw new BrainCohortException("template " + source + " has no voxel above 0; expected a skull-stripped"
                    + " brain (background 0)");
        }
        float[] values = new float[brain];
        for (int i = 0, k = 0; i < raw.length; i++) {
            if (raw[i] > 0) {
                values[k++] = raw[i];
            }
        }
        this.percentile995 = SiteEffects.nearestRank(values, 0.995);
        this.intensity = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            intensity[i] = raw[i] > 0 ? (float) Math.min(1.0, raw[i] / percentile995) : 0f;
        }
        this.centre = new double[3];
        this.extentMm = new double[3];
        for (int a = 0; a < 3; a++) {
            centre[a] = (lo[a] + hi[a]) / 2.0;
            extentMm[a] = (hi[a] - lo[a] + 1) * voxelSize[a];
        }
        this.brainVolumeMl = brain * voxelSize[0] * voxelSize[1] * voxelSize[2] / 1000.0;
    }

    /**
     * Reads a template file.
     *
     * @throws BrainCohortException when the file is missing (saying how to get Colin27), not
     *         NIfTI, not 3D, or has no brain voxels
     */
    public static Template load(Path file) throws BrainCohortException {
        if (!Files.isRegularFile(file)) {
            throw new BrainCohortException("template not found: " + file + "; install Colin27 with"
                    + " 'apt-get install mricron-data' (it provides " + DEFAULT_PATH + ") or pass --template PATH"
                    + " (a skull-stripped 3D T1 NIfTI)");
        }
        try {
            return new Template(file.toString(), NiftiReader.read(file));
        } catch (NoSuchFileException e) {
            throw new BrainCohortException("template not found: " + file, e);
        } catch (BrainCohortException e) {
            throw e;
        } catch (IOException e) {
            throw new BrainCohortException("cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    /** A template from a volume in memory; {@code source} names it in messages. */
    public static Template of(NiftiVolume v, String source) throws BrainCohortException {
        return new Template(source, v);
    }

    /** Where it came from. */
    public String source() {
        return source;
    }

    /** Its voxel counts {nx, ny, nz}. */
    public int[] shape() {
        return shape.clone();
    }

    /** Its voxel sizes in mm. */
    public double[] voxelSize() {
        return voxelSize.clone();
    }

    /** Its voxel-to-world matrix. */
    public double[][] affine() {
        double[][] a = new double[4][];
        for (int i = 0; i < 4; i++) {
            a[i] = affine[i].clone();
        }
        return a;
    }

    /** The middle of the brain's bounding box, voxel coordinates. */
    public double[] centre() {
        return centre.clone();
    }

    /** The size of the brain's bounding box in mm, per axis. */
    public double[] extentMm() {
        return extentMm.clone();
    }

    /** The brain's volume: voxels above 0 times the voxel volume, in ml. */
    public double brainVolumeMl() {
        return brainVolumeMl;
    }

    /** The raw intensity that became 1: the 99.5th percentile (nearest rank) of the brain voxels. */
    public double percentile995() {
        return percentile995;
    }

    /** Intensities in [0, 1] (a copy). */
    float[] intensity() {
        return intensity.clone();
    }

    /** The brain mask, 0 or 1 (a copy). */
    float[] mask() {
        return mask.clone();
    }

    /**
     * The standard deviation (mm) of the Gaussian that brings the template to a coarser voxel
     * spacing without aliasing: its FWHM is the output spacing, less what the template's own
     * voxels already average ({@code sqrt(h² − v²) / 2.3548} per axis, 0 when h ≤ v).
     */
    static double[] antialiasSigmaMm(double spacingMm, double[] voxelSize) {
        double[] s = new double[3];
        for (int a = 0; a < 3; a++) {
            double d = spacingMm * spacingMm - voxelSize[a] * voxelSize[a];
            s[a] = d > 0 ? Math.sqrt(d) / (2 * Math.sqrt(2 * Math.log(2))) : 0;
        }
        return s;
    }

    /**
     * Intensities and mask smoothed for sampling at an output spacing (see
     * {@link #antialiasSigmaMm}); computed once per cohort, in parallel.
     */
    Smoothed smoothed(double spacingMm) {
        double[] sigmaMm = antialiasSigmaMm(spacingMm, voxelSize);
        double[] sigmaVox = new double[3];
        for (int a = 0; a < 3; a++) {
            sigmaVox[a] = sigmaMm[a] / voxelSize[a];
        }
        return new Smoothed(Gaussian.blur(intensity, shape, sigmaVox, true), Gaussian.blur(mask, shape, sigmaVox, true),
                sigmaMm);
    }

    /**
     * The template prepared for one output spacing.
     *
     * @param intensity smoothed intensities
     * @param mask smoothed mask (partial-volume fractions)
     * @param sigmaMm the smoothing per axis, mm
     */
    record Smoothed(float[] intensity, float[] mask, double[] sigmaMm) {}
}
