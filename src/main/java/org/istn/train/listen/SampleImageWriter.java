package org.istn.train.listen;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.istn.io.fs.AtomicFiles;
import org.istn.io.nifti.NiftiVolume;
import org.istn.io.nifti.NiftiWriter;
import org.istn.io.png.DivergingColorMap;
import org.istn.io.png.FloatImage;
import org.istn.io.png.GrayWindow;
import org.istn.io.png.ImageGrid;
import org.istn.io.png.PngImages;
import org.istn.train.TrainingListener;
import org.istn.train.event.RunStart;
import org.istn.train.event.SampleImages;
import org.istn.train.event.Validation;

/**
 * Writes the validation subjects' images at each validation that carries some (the reference's
 * {@code --png} and {@code --nii} flags):
 * <ul>
 *   <li>PNG: one grid per validation, {@code <runDir>/samples/epoch-0005.png}: a row per subject
 *       (labelled with its id and direction), columns input | after ITN | ITN difference (after
 *       ITN − input) | after STN | STN difference (after STN − after ITN). 3D images show their
 *       central axial slice (z = depth / 2). A row's three images share one grey window (their
 *       joint minimum to maximum over the whole image or volume) and its two differences one
 *       blue–white–red map (white 0, full colour at their largest magnitude over the whole image,
 *       printed under the label). Tiles are enlarged by an
 *       integer factor so the longer side has at least {@value #MIN_TILE_PIXELS} pixels.</li>
 *   <li>NIfTI: {@code <runDir>/samples/epoch-0005/<id>_<direction>_<stage>.nii.gz} for the
 *       stages {@code input, itn, itn_diff, stn, stn_diff}: the whole 2D or 3D image as float32,
 *       1 mm voxels, identity affine. Characters other than letters, digits, {@code . _ -} in
 *       the id and direction become {@code _}.</li>
 * </ul>
 * Every file is written atomically. Runs on the driver.
 */
public final class SampleImageWriter implements TrainingListener {

    /** Folder under the run folder. */
    public static final String SAMPLES = "samples";
    /** The least number of pixels along a tile's longer side. */
    public static final int MIN_TILE_PIXELS = 112;
    /** The grid's column headers. */
    public static final List<String> COLUMNS = List.of("input", "after ITN", "ITN diff", "after STN", "STN diff");
    /** The NIfTI stage names, in column order. */
    public static final List<String> STAGES = List.of("input", "itn", "itn_diff", "stn", "stn_diff");

    private final boolean png;
    private final boolean nii;
    private String runDir;
    private Configuration conf;

    /**
     * @param png write a PNG grid per validation ({@code --png})
     * @param nii write NIfTI volumes per subject ({@code --nii})
     */
    public SampleImageWriter(boolean png, boolean nii) {
        this.png = png;
        this.nii = nii;
    }

    @Override
    public void onStart(RunStart run) {
        runDir = run.runDir();
        conf = run.spark() != null ? run.spark().sparkContext().hadoopConfiguration() : new Configuration();
    }

    @Override
    public void onValidation(Validation v) throws IOException {
        if (v.samples().isEmpty() || !png && !nii) {
            return;
        }
        if (runDir == null) {
            throw new IllegalStateException("SampleImageWriter got a validation before onStart");
        }
        String base = new Path(new Path(runDir, SAMPLES), String.format(Locale.ROOT, "epoch-%04d", v.epoch()))
                .toString();
        if (png) {
            PngImages.write(grid(v).render(), base + ".png", conf);
        }
        if (nii) {
            for (SampleImages s : v.samples()) {
                float[][] stages = stages(s);
                String prefix = safe(s.id()) + "_" + safe(s.direction()) + "_";
                for (int i = 0; i < stages.length; i++) {
                    NiftiVolume vol = NiftiVolume.create(s.shape(), stages[i], ones(s.shape().length), null);
                    AtomicFiles.write(new Path(base, prefix + STAGES.get(i) + ".nii.gz").toString(), conf,
                            out -> NiftiWriter.write(vol, out, true));
                }
            }
        }
    }

    /** The grid of one validation, not yet drawn. */
    static ImageGrid grid(Validation v) {
        List<SampleImages> samples = v.samples();
        int[] shape = samples.get(0).shape();
        int scale = PngImages.scaleFor(shape[0], shape[1], MIN_TILE_PIXELS);
        ImageGrid grid = new ImageGrid(samples.size(), COLUMNS.size(), shape[0] * scale, shape[1] * scale)
                .title("validation after epoch " + v.epoch() + (shape.length == 3 ? " (central axial slice)" : ""))
                .columnLabels(COLUMNS.toArray(String[]::new));
        for (int r = 0; r < samples.size(); r++) {
            SampleImages s = samples.get(r);
            if (!Arrays.equals(s.shape(), shape)) {
                throw new IllegalArgumentException("validation sample " + s.id() + " has shape "
                        + Arrays.toString(s.shape()) + " but " + samples.get(0).id() + " has "
                        + Arrays.toString(shape) + "; the samples of one grid must have one shape");
            }
            float[][] st = stages(s);
            FloatImage input = FloatImage.centralSlice(shape, st[0]);
            FloatImage itn = FloatImage.centralSlice(shape, st[1]);
            FloatImage itnDiff = FloatImage.centralSlice(shape, st[2]);
            FloatImage stn = FloatImage.centralSlice(shape, st[3]);
            FloatImage stnDiff = FloatImage.centralSlice(shape, st[4]);
            // scales from the whole images, not the slice shown, so a 3D slice keeps the volume's contrast
            GrayWindow window = GrayWindow.auto(st[0], st[1], st[3]);
            DivergingColorMap map = DivergingColorMap.symmetric(st[2], st[4]);
            grid.set(r, 0, PngImages.gray(input, window, scale))
                    .set(r, 1, PngImages.gray(itn, window, scale))
                    .set(r, 2, PngImages.diverging(itnDiff, map, scale))
                    .set(r, 3, PngImages.gray(stn, window, scale))
                    .set(r, 4, PngImages.diverging(stnDiff, map, scale))
                    .rowLabel(r, s.id() + "\n" + s.direction() + "\ndiff ±" + HumanFormat.number(map.maxAbs()));
        }
        return grid;
    }

    /** input, after ITN, ITN difference, after STN, STN difference. */
    static float[][] stages(SampleImages s) {
        return new float[][] {s.input(), s.afterItn(), minus(s.afterItn(), s.input()), s.afterStn(),
            minus(s.afterStn(), s.afterItn())};
    }

    private static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        Arrays.fill(d, 1.0);
        return d;
    }

    /** A file-name-safe version of an id: characters other than letters, digits, . _ - become _. */
    static String safe(String s) {
        return s == null || s.isEmpty() ? "_" : s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
