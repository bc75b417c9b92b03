package org.istn.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.istn.brain.BrainCohort;
import org.istn.brain.Site;
import org.istn.brain.Split;
import org.istn.config.Normalizer;
import org.istn.data.Batches;
import org.istn.data.Preprocessor;
import org.istn.data.Sample;
import org.istn.data.SampleLoader;
import org.istn.io.fs.AtomicFiles;
import org.istn.io.png.FloatImage;
import org.istn.io.png.GrayWindow;
import org.istn.io.png.ImageGrid;
import org.istn.io.png.PngImages;
import org.istn.nn.Istn;
import org.istn.nn.ModelStore;
import org.istn.nn.TransformExplainer;
import org.istn.util.AppInfo;

/**
 * The brain demo's report in its run folder: {@code report.md} (results table, the gap closed,
 * how far the ISTN moved S's intensity histogram toward T's, the pictures, provenance),
 * {@code samples.png} (axial mid-slices of S test subjects, the same subjects after the learned
 * ISTN (S2T), and T test subjects), {@code affine.png} (the distribution of the twelve learned 3D
 * affine parameters over S's test subjects) and links to the jobs' plots, samples and Parquet
 * metrics.
 */
final class BrainDemoReport {
    private static final int GRID_ROWS = 6;
    private static final int FORWARD_BATCH = 8;
    private static final int HISTOGRAM_BINS = 20;
    /** The twelve parameters of the 3D affine STN, in {@link TransformExplainer}'s names. */
    static final List<String> AFFINE = List.of("tx", "ty", "tz", "rot_x", "rot_y", "rot_z", "scale_x", "scale_y",
            "scale_z", "shear_x", "shear_y", "shear_z");

    /** What the ISTN did to S's test subjects, against T's. */
    record Intensities(double meanS, double meanS2T, double meanT, double distanceST, double distanceS2TT) {}

    private BrainDemoReport() {}

    /**
     * The metrics of the four inference runs (accuracy, auc, … as in {@code inference/summary}):
     * Task_S on S's and T's test sets, Task_S2T (the DA job's last epoch) and the task model of
     * the epoch selected by T's validation accuracy ({@code models/best}) on T's test set.
     */
    record Figures(Map<String, Double> sOnS, Map<String, Double> sOnT, Map<String, Double> s2tOnT,
            Map<String, Double> s2tSelectedOnT) {

        Figures {
            sOnS = Map.copyOf(sOnS);
            sOnT = Map.copyOf(sOnT);
            s2tOnT = Map.copyOf(s2tOnT);
            s2tSelectedOnT = Map.copyOf(s2tSelectedOnT);
        }

        /** The gap closed by the model selected on T's validation set. */
        double selectedGapClosed() {
            return Demo.gapClosed(sOnS.get(Demo.ACCURACY), sOnT.get(Demo.ACCURACY), s2tSelectedOnT.get(Demo.ACCURACY));
        }
    }

    static void write(SparkSession spark, BrainDemoOptions o, Demo.Outcome r, Figures figures, Path cohort,
            double seconds)
            throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = sc.hadoopConfiguration();
        Path run = r.runDir();
        List<Sample> s = testSamples(sc, o, cohort, Site.S);
        List<Sample> t = testSamples(sc, o, cohort, Site.T);
        Istn istn;
        Path model = run.resolve("da/models/last/istn_A2B.zip"); // the ISTN of Task_S2T's epoch
        try (InputStream in = Files.newInputStream(model)) {
            istn = ModelStore.loadIstn(in, model.toString()).istn();
        }
        List<float[]> s2t = new ArrayList<>();
        List<Map<String, Double>> explained = new ArrayList<>();
        for (int i = 0; i < s.size(); i += FORWARD_BATCH) {
            List<Sample> part = s.subList(i, Math.min(s.size(), i + FORWARD_BATCH));
            Istn.Forward f = istn.forward(Batches.images(part), false);
            for (int k = 0; k < part.size(); k++) {
                s2t.add(Batches.image(f.output(), k));
            }
            explained.addAll(TransformExplainer.explain(istn, f));
        }
        PngImages.write(samplesGrid(o.size(), s, s2t, t), run.resolve("samples.png").toString(), conf);
        boolean affine = o.stn().equals("affine");
        if (affine) {
            PngImages.write(affineHistograms(explained), run.resolve("affine.png").toString(), conf);
        }
        Intensities in = intensities(s.stream().map(Sample::image).toList(), s2t,
                t.stream().map(Sample::image).toList());
        String md = markdown(o, r, figures, cohort, seconds, affine ? magnification(explained) : Double.NaN, in,
                DemoReport.latestSample(run.resolve("da/samples")));
        AtomicFiles.write(run.resolve("report.md").toString(), conf, out -> out.write(md.getBytes(
                StandardCharsets.UTF_8)));
    }

    private static List<Sample> testSamples(JavaSparkContext sc, BrainDemoOptions o, Path cohort, Site site)
            throws IOException {
        SampleLoader.Options lo = new SampleLoader.Options("id", "image", BrainDemo.LABEL, true,
                new Preprocessor(new int[] {o.size(), o.size(), o.size()}, Normalizer.NONE), false,
                StorageLevel.MEMORY_ONLY(), 0);
        String manifest = cohort.resolve(site.folder()).resolve(Split.TEST.fileName() + ".tsv").toString();
        SampleLoader.Loaded l = SampleLoader.load(sc, manifest, lo);
        List<Sample> all = new ArrayList<>(l.samples().collect());
        l.samples().unpersist(false);
        all.sort(Comparator.comparing(Sample::id));
        return all;
    }

    /** The axial mid-slice (z = n / 2) of an n³ volume, x across and y (anterior) up. */
    static FloatImage axial(float[] vol, int n) {
        float[] p = new float[n * n];
        int z = n / 2;
        for (int row = 0; row < n; row++) {
            int y = n - 1 - row;
            System.arraycopy(vol, n * (y + n * z), p, n * row, n);
        }
        return new FloatImage(n, n, p);
    }

    private static BufferedImage samplesGrid(int n, List<Sample> s, List<float[]> s2t, List<Sample> t) {
        int rows = Math.max(1, Math.min(GRID_ROWS, Math.min(s.size(), t.size())));
        int scale = PngImages.scaleFor(n, n, 128);
        ImageGrid g = new ImageGrid(rows, 3, n * scale, n * scale)
                .title("brain cohort test subjects: axial mid-slices, window [0, 1]")
                .columnLabels("S", "S2T (ISTN)", "T");
        GrayWindow w = new GrayWindow(0, 1);
        for (int i = 0; i < rows && i < s.size() && i < t.size(); i++) {
            g.rowLabel(i, String.format(Locale.ROOT, "%s (%d)\n%s (%d)", s.get(i).id(), (int) s.get(i).label(),
                    t.get(i).id(), (int) t.get(i).label()));
            g.set(i, 0, PngImages.gray(axial(s.get(i).image(), n), w, scale));
            g.set(i, 1, PngImages.gray(axial(s2t.get(i), n), w, scale));
            g.set(i, 2, PngImages.gray(axial(t.get(i).image(), n), w, scale));
        }
        return g.render();
    }

    private static BufferedImage affineHistograms(List<Map<String, Double>> e) {
        // one row each: translations, rotations, scales, shears
        return DemoReport.affineHistograms(e, AFFINE, 320, 220, "learned 3D affine parameters over " + e.size()
                + " test subjects of S");
    }

    /**
     * How much larger the learned affine STN shows S's subjects, on average: the STN samples its
     * input at {@code scale} times the output coordinates, so the image is magnified by the inverse
     * of the geometric mean of the three scales; the mean of that over the subjects.
     */
    static double magnification(List<Map<String, Double>> explained) {
        return explained.stream().mapToDouble(m -> 1 / Math.cbrt(m.get("scale_x") * m.get("scale_y")
                * m.get("scale_z"))).average().orElse(Double.NaN);
    }

    /**
     * Mean voxel intensities of S, S2T and T, and the L1 distances between the pooled
     * intensity histograms (20 bins over [0, 1], values outside clipped into the end bins,
     * normalised to sum 1) of S and T, and of S2T and T: 0 = same histogram, 2 = disjoint.
     */
    static Intensities intensities(List<float[]> s, List<float[]> s2t, List<float[]> t) {
        double[] hs = histogram01(s);
        double[] hs2t = histogram01(s2t);
        double[] ht = histogram01(t);
        return new Intensities(mean(s), mean(s2t), mean(t), l1(hs, ht), l1(hs2t, ht));
    }

    private static double mean(List<float[]> images) {
        double sum = 0;
        long n = 0;
        for (float[] im : images) {
            for (float v : im) {
                sum += v;
            }
            n += im.length;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Normalised histogram over [0, 1] with {@value #HISTOGRAM_BINS} bins. */
    static double[] histogram01(List<float[]> images) {
        double[] h = new double[HISTOGRAM_BINS];
        long n = 0;
        for (float[] im : images) {
            for (float v : im) {
                int b = (int) Math.floor(v * HISTOGRAM_BINS);
                h[Math.max(0, Math.min(HISTOGRAM_BINS - 1, b))]++;
            }
            n += im.length;
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= Math.max(1, n);
        }
        return h;
    }

    private static double l1(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs(a[i] - b[i]);
        }
        return d;
    }

    static String markdown(BrainDemoOptions o, Demo.Outcome r, Figures f, Path cohort, double seconds,
            double magnification, Intensities in, String latestSample) {
        boolean affine = !Double.isNaN(magnification);
        StringBuilder sb = new StringBuilder();
        sb.append("# istn demo: image-level domain adaptation on the 3D two-site brain cohort\n\n");
        sb.append(String.format(Locale.ROOT, "Task: binary `%s` (brain volume above the cohort's threshold), a 3D"
                + " LeNet on %d³ volumes. S and T are different subjects made from Colin27; T differs by bias field,"
                + " contrast curve, blur, head pose and a magnification of %s (T shows heads that much"
                + " larger); both sites have the same noise level. Cohort: `%s` ([preview](%s)).%n%n",
                BrainDemo.LABEL, o.size(),
                o.magnificationText(), cohort,
                cohort.resolve(BrainCohort.PREVIEW).toUri()));
        sb.append("| model | evaluated on | test accuracy | AUC |\n|---|---|---|---|\n");
        sb.append(row("Task_S (trained on S)", "S", f.sOnS()));
        sb.append(row("Task_S", "T", f.sOnT()));
        sb.append(row("Task_S2T (fine-tuned on S2T by the DA job, last epoch)", "T", f.s2tOnT()));
        sb.append(row("the DA job's epoch selected on T's validation set", "T", f.s2tSelectedOnT()));
        sb.append(String.format(Locale.ROOT, "%nGap closed: (Task_S2T(T) − Task_S(T)) / (Task_S(S) − Task_S(T)) = "
                + "**%.1f %%**; by the selected epoch's model: %.1f %%.%n%n", 100 * r.gapClosed(),
                100 * f.selectedGapClosed()));
        sb.append(String.format(Locale.ROOT, "%d test subjects per site. Task_S2T is the task model of the DA job's"
                + " last epoch: no target label chose it. The job also keeps the epoch with the best accuracy on T's"
                + " *validation* set (`model_selection = target`, `da/models/best`); with 25 validation subjects"
                + " several epochs tie and the first of them is kept, which may be an epoch before the ISTN has"
                + " learned anything. All figures are on T's separate test set. AUC (ranking, free of the decision"
                + " threshold) shows how much of a drop is a shifted threshold. The pictures and the figures below"
                + " are of the last epoch's ISTN.%n%n", o.test()));
        sb.append("What the ISTN did to S's test subjects (mean voxel intensity; L1 distance of the intensity"
                + " histograms to T's, 20 bins over [0, 1]: 0 = the same, 2 = disjoint):\n\n");
        sb.append("| images | mean intensity | histogram distance to T |\n|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| S | %.4f | %.4f |%n", in.meanS(), in.distanceST()));
        sb.append(String.format(Locale.ROOT, "| S2T | %.4f | %.4f |%n", in.meanS2T(), in.distanceS2TT()));
        sb.append(String.format(Locale.ROOT, "| T | %.4f | 0 |%n%n", in.meanT()));
        if (affine) {
            sb.append(String.format(Locale.ROOT, "The learned affine STN shows S's test subjects %.3f times"
                    + " larger on average (1 / the geometric mean of its three scales); site T shows heads %s times"
                    + " larger than S.%n%n", magnification,
                    o.magnificationText()));
        }
        sb.append("## Pictures\n\n");
        sb.append("![S, S2T, T](samples.png)\n\n");
        if (affine) {
            sb.append("![affine parameters](affine.png)\n\n");
        }
        sb.append("- DA losses: [da/plots/losses.png](da/plots/losses.png); validation: "
                + "[da/plots/validation.png](da/plots/validation.png)\n");
        sb.append("- Task_S losses: [task_s/plots/losses.png](task_s/plots/losses.png)\n");
        if (latestSample != null) {
            sb.append("- the ISTN's stages on validation subjects (input, after ITN, ITN difference, after STN, STN"
                    + " difference; central axial slices): [da/samples/" + latestSample + "](da/samples/"
                    + latestSample + ")\n");
        }
        sb.append("- Parquet metrics: `task_s/metrics/`, `da/metrics/` (with `explain.parquet`, the learned"
                + " transformation per validation subject); predictions: `inference/`\n\n");
        sb.append("## Provenance\n\n");
        sb.append(String.format(Locale.ROOT, "%s %s, %s; seed %d; %d³ over %.0f mm; %d/%d/%d subjects per site"
                + " (train/val/test); Task_S %d epochs, DA (unidirectional) %d epochs, batch %d, ITN %s, STN %s;"
                + " master %s; %.0f s.%n", AppInfo.NAME, AppInfo.VERSION, Instant.now(), o.seed(), o.size(),
                BrainDemo.FOV_MM, o.train(), o.val(), o.test(), o.taskEpochs(), o.daEpochs(), o.batch(),
                o.itn() ? "on" : "off", o.stn(), o.master(), seconds));
        return sb.toString();
    }

    private static String row(String model, String site, Map<String, Double> metrics) {
        Double auc = metrics.get(Demo.AUC);
        return String.format(Locale.ROOT, "| %s | %s | %.4f | %s |%n", model, site, metrics.get(Demo.ACCURACY),
                auc == null || auc.isNaN() ? "–" : String.format(Locale.ROOT, "%.4f", auc));
    }
}
