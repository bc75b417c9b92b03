package org.istn.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.istn.config.Normalizer;
import org.istn.data.Batches;
import org.istn.data.Preprocessor;
import org.istn.data.Sample;
import org.istn.data.SampleLoader;
import org.istn.io.fs.AtomicFiles;
import org.istn.io.png.FloatImage;
import org.istn.io.png.GrayWindow;
import org.istn.io.png.ImageGrid;
import org.istn.io.png.LinePlot;
import org.istn.io.png.PngImages;
import org.istn.morpho.Domain;
import org.istn.morpho.Split;
import org.istn.nn.Istn;
import org.istn.nn.ModelStore;
import org.istn.nn.TransformExplainer;
import org.istn.util.AppInfo;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The demo's report in its run folder: {@code report.md} (results table, the gap closed, the
 * pictures, provenance), {@code samples.png} (test digits of S, the same digits after the
 * learned ISTN (S2T), and test digits of T), {@code affine.png} (the distribution of the learned
 * affine parameters over S's test digits), and links to the jobs' own loss and validation plots.
 */
final class DemoReport {
    private static final int GRID_ROWS = 8;
    private static final int SCALE = 4;
    private static final List<String> AFFINE = List.of("tx", "ty", "rot", "scale_x", "scale_y", "shear");

    private DemoReport() {}

    static void write(SparkSession spark, DemoOptions o, Demo.Outcome r, Path data, double seconds)
            throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = sc.hadoopConfiguration();
        Path run = r.runDir();
        List<Sample> s = testSamples(sc, o, data, Domain.SOURCE, 500);
        List<Sample> t = testSamples(sc, o, data, Domain.TARGET, GRID_ROWS);
        Istn istn;
        Path model = run.resolve("da/models/best/istn_A2B.zip");
        try (InputStream in = Files.newInputStream(model)) {
            istn = ModelStore.loadIstn(in, model.toString()).istn();
        }
        Istn.Forward f = istn.forward(Batches.images(s), false);
        PngImages.write(samplesGrid(s, f.output(), t), run.resolve("samples.png").toString(), conf);
        boolean affine = o.stn().equals("affine");
        if (affine) {
            PngImages.write(affineHistograms(TransformExplainer.explain(istn, f)), run.resolve("affine.png").toString(),
                    conf);
        }
        String md = markdown(o, r, data, seconds, affine, latestSample(run.resolve("da/samples")));
        AtomicFiles.write(run.resolve("report.md").toString(), conf, out -> out.write(md.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static List<Sample> testSamples(JavaSparkContext sc, DemoOptions o, Path data, Domain d, int n)
            throws IOException {
        SampleLoader.Options lo = new SampleLoader.Options("id", "image", o.label(), true,
                new Preprocessor(new int[] {28, 28}, Normalizer.NONE), false, StorageLevel.MEMORY_ONLY(), 0);
        SampleLoader.Loaded l = SampleLoader.load(sc, Demo.manifest(data, d, Split.TEST), lo);
        List<Sample> all = new ArrayList<>(l.samples().collect());
        l.samples().unpersist(false);
        all.sort(Comparator.comparing(Sample::id));
        return all.subList(0, Math.min(n, all.size()));
    }

    private static BufferedImage samplesGrid(List<Sample> s, INDArray s2t, List<Sample> t) {
        int rows = Math.min(GRID_ROWS, Math.min(s.size(), t.size()));
        ImageGrid g = new ImageGrid(rows, 3, 28 * SCALE, 28 * SCALE).title("Morpho-MNIST test digits")
                .columnLabels("S", "S2T (ISTN)", "T");
        GrayWindow w = new GrayWindow(0, 1);
        for (int i = 0; i < rows; i++) {
            g.set(i, 0, PngImages.gray(new FloatImage(28, 28, s.get(i).image()), w, SCALE));
            g.set(i, 1, PngImages.gray(new FloatImage(28, 28, Batches.image(s2t, i)), w, SCALE));
            g.set(i, 2, PngImages.gray(new FloatImage(28, 28, t.get(i).image()), w, SCALE));
        }
        return g.render();
    }

    private static BufferedImage affineHistograms(List<Map<String, Double>> e) {
        return affineHistograms(e, AFFINE, 360, 240, "learned affine parameters over " + e.size()
                + " test digits of S");
    }

    /**
     * One histogram per affine parameter, three to a row: angles ({@code rot*}, {@code shear*}) in
     * degrees, the rest as {@link org.istn.nn.TransformExplainer} names them.
     */
    static BufferedImage affineHistograms(List<Map<String, Double>> e, List<String> names, int w, int h,
            String title) {
        ImageGrid g = new ImageGrid((names.size() + 2) / 3, 3, w, h).title(title);
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            boolean angle = name.startsWith("rot") || name.startsWith("shear");
            double[] v = e.stream().filter(m -> m.containsKey(name))
                    .mapToDouble(m -> angle ? Math.toDegrees(m.get(name)) : m.get(name)).toArray();
            LinePlot p = new LinePlot(name + (angle ? " (degrees)" : ""), name, "subjects");
            double[][] hist = histogram(v, 20);
            p.add(name, hist[0], hist[1]);
            g.set(k / 3, k % 3, p.render(w, h));
        }
        return g.render();
    }

    /** Bin centres and counts of {@code bins} equal bins over the values' range. */
    static double[][] histogram(double[] v, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (v.length == 0) {
            return new double[][] {{0, 1}, {0, 0}};
        }
        if (hi - lo < 1e-9) {
            lo -= 0.5e-3;
            hi += 0.5e-3;
        }
        double[] c = new double[bins];
        double[] n = new double[bins];
        for (int i = 0; i < bins; i++) {
            c[i] = lo + (i + 0.5) * (hi - lo) / bins;
        }
        for (double x : v) {
            n[Math.min(bins - 1, (int) ((x - lo) / (hi - lo) * bins))]++;
        }
        return new double[][] {c, n};
    }

    /** The name of the last (latest epoch) PNG in a job's samples folder, or null when there is none. */
    static String latestSample(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> l = Files.list(dir)) {
            return l.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).max(String::compareTo)
                    .orElse(null);
        }
    }

    static String markdown(DemoOptions o, Demo.Outcome r, Path data, double seconds, boolean affine,
            String latestSample) {
        StringBuilder sb = new StringBuilder();
        sb.append("# istn demo: image-level domain adaptation on Morpho-MNIST\n\n");
        sb.append(String.format(Locale.ROOT, "Task: %s (%s). S = thinned digits, T = thickened digits with a pose and"
                + " contrast change. Data: `%s`.%n%n", o.label(), o.numClasses() == 1 ? "binary" : o.numClasses()
                + " classes", data));
        sb.append("| model | evaluated on | test accuracy |\n|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| Task_S (trained on S) | S | %.4f |%n", r.taskSOnS()));
        sb.append(String.format(Locale.ROOT, "| Task_S | T | %.4f |%n", r.taskSOnT()));
        sb.append(String.format(Locale.ROOT, "| Task_S2T (fine-tuned on S2T by the DA job) | T | %.4f |%n%n",
                r.taskS2TOnT()));
        sb.append(String.format(Locale.ROOT, "Gap closed: (Task_S2T(T) − Task_S(T)) / (Task_S(S) − Task_S(T)) = "
                + "**%.1f %%**.%n%n", 100 * r.gapClosed()));
        sb.append("Task_S2T is the DA job's best model, selected by its accuracy on T's *validation* set"
                + " (`model_selection = target`); the table's figures are on T's separate test set.\n\n");
        sb.append("## Pictures\n\n");
        sb.append("![S, S2T, T](samples.png)\n\n");
        if (affine) {
            sb.append("![affine parameters](affine.png)\n\n");
        }
        sb.append("- DA losses: [da/plots/losses.png](da/plots/losses.png); validation: "
                + "[da/plots/validation.png](da/plots/validation.png)\n");
        sb.append("- Task_S losses: [task_s/plots/losses.png](task_s/plots/losses.png)\n");
        if (latestSample != null) {
            sb.append("- the ISTN's stages on validation digits (input, after ITN, ITN difference, after STN, STN"
                    + " difference): [da/samples/" + latestSample + "](da/samples/" + latestSample + ")\n");
        }
        sb.append("- Parquet metrics: `task_s/metrics/`, `da/metrics/`; predictions: `inference/`\n\n");
        sb.append("## Provenance\n\n");
        sb.append(String.format(Locale.ROOT, "%s %s, %s; seed %d; %d/%d/%d images per domain (train/val/test); "
                + "Task_S %d epochs, DA (%s) %d epochs, batch %d, ITN %s, STN %s; master %s; %.0f s.%n", AppInfo.NAME,
                AppInfo.VERSION, Instant.now(), o.seed(), o.train(), o.val(), o.test(), o.taskEpochs(),
                o.bidirectional() ? "bidirectional" : "unidirectional", o.daEpochs(), o.batch(),
                o.itn() ? "on" : "off", o.stn(), o.master(), seconds));
        return sb.toString();
    }
}
