package org.istn.brain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.istn.io.fs.LocalTrees;
import org.istn.io.nifti.NiftiVolume;
import org.istn.io.nifti.NiftiWriter;

/**
 * Builds the two-site brain cohort: for every site (S, T) and split (train, val, test), the
 * options' number of different random subjects made from the template by
 * {@link SubjectSimulator} and imaged with the site's {@link SiteProfile}, each written as one
 * float32 NIfTI volume, with TSV manifests, a metadata JSON and a PNG preview.
 *
 * <p>Layout under the output folder: {@code S/{train,val,test}.tsv} with images under
 * {@code S/images/}, the same under {@code T/}, {@value #MARKER} (parameters, provenance,
 * statistics) and {@value #PREVIEW}. Manifest columns: {@value #HEADER_TEXT}; image paths are
 * relative to the manifest's folder.
 *
 * <p>The cohort is built in a hidden temporary folder beside the output and renamed into place at
 * the end, so a half-written cohort never appears under the output name. An existing output is
 * left alone: when it is a complete cohort made with the same parameters and template it is
 * reused as it is; otherwise it is refused, unless {@code force} is on and it is a complete
 * cohort (then it is replaced).
 */
public final class BrainCohort {

    /** The metadata file; its presence marks a complete cohort. */
    public static final String MARKER = "brain-cohort.json";
    /** The preview picture. */
    public static final String PREVIEW = "preview.png";
    static final String HEADER_TEXT = "id, image, size_class, volume, scale, domain";
    /** The manifests' header line. */
    public static final String HEADER = "id\timage\tsize_class\tvolume\tscale\tdomain";
    /** Train subjects per site shown in the preview. */
    static final int PREVIEW_SUBJECTS = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BrainCohort() {}

    /**
     * What was built (or found).
     *
     * @param root the cohort folder
     * @param reused whether an existing complete cohort with the same parameters was kept as it was
     * @param subjects subjects written (0 when reused)
     * @param seconds time spent generating and writing subjects (0 when reused)
     * @param thresholdMl the volume separating the size classes
     */
    public record Result(Path root, boolean reused, int subjects, double seconds, double thresholdMl) {

        /** The manifest of one site and split. */
        public Path manifest(Site site, Split split) {
            return root.resolve(site.folder()).resolve(split.fileName() + ".tsv");
        }
    }

    /** Whether {@code out} holds a complete cohort (its {@value #MARKER} exists). */
    public static boolean isComplete(Path out) {
        return Files.isRegularFile(out.resolve(MARKER));
    }

    /** The id of a subject: site, split and index, e.g. {@code T-val-0007}. */
    static String id(Site site, Split split, int index) {
        return String.format(Locale.ROOT, "%s-%s-%04d", site.folder(), split.fileName(), index);
    }

    /**
     * The size classes of one site's split: ⌊n/2⌋ ones and the rest zeros, in an order shuffled
     * by the seed, so every split is balanced by construction.
     */
    static int[] sizeClasses(long seed, Site site, Split split, int n) {
        int[] c = new int[n];
        for (int i = 0; i < n / 2; i++) {
            c[i] = 1;
        }
        SplittableRandom rng = Seeds.of(seed, site.ordinal(), split.ordinal(), Seeds.CLASSES);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return c;
    }

    /** The generator of one subject. */
    static SplittableRandom subjectRandom(long seed, Site site, Split split, int index) {
        return Seeds.of(seed, site.ordinal(), split.ordinal(), index, Seeds.SUBJECT);
    }

    /** The fixed bias field of a site. */
    static BiasField siteBias(long seed, Site site) {
        return BiasField.random(Seeds.of(seed, site.ordinal(), Seeds.BIAS));
    }

    /** Called after every written subject; a test may throw from it to simulate a failure. */
    @FunctionalInterface
    interface Progress {
        void written(int done, int total) throws IOException;
    }

    /**
     * Builds the cohort (or finds it already built); progress goes to {@code log}.
     *
     * @throws BrainCohortException for a missing or unusable template, an existing output that
     *         may not be replaced, or a failure while generating or writing
     */
    public static Result build(BrainCohortOptions o, PrintStream log) throws IOException {
        return build(o, log, (done, total) -> { });
    }

    static Result build(BrainCohortOptions o, PrintStream log, Progress progress) throws IOException {
        String templateSha = CohortMetadata.sha256(o.template());
        JsonNode params = CohortMetadata.parameters(o, templateSha);
        Path out = o.out().toAbsolutePath().normalize();
        if (Files.exists(out)) {
            JsonNode existing = existingParameters(out);
            if (existing != null && existing.equals(params)) {
                JsonNode labels = JSON.readTree(out.resolve(MARKER).toFile()).path("labels");
                log.println("make-brain-cohort: " + out + " already holds this cohort (same parameters and template);"
                        + " nothing to do");
                return new Result(out, true, 0, 0, labels.path("volume_threshold_ml").asDouble(Double.NaN));
            }
            if (existing == null) {
                throw new BrainCohortException(out + " exists but has no " + MARKER + ", so it is not a complete"
                        + " make-brain-cohort output; not replaced: remove it yourself or choose another --out");
            }
            if (!o.force()) {
                throw new BrainCohortException(out + " already holds a brain cohort made with other parameters ("
                        + CohortMetadata.differences(existing, params) + "); not overwritten: pass --force to replace"
                        + " it or choose another --out");
            }
        }
        log.println("make-brain-cohort: reading template " + o.template());
        Template template = Template.load(o.template());
        log.printf(Locale.ROOT, "make-brain-cohort: template %s, brain %.1f ml; smoothing it for %.3g mm voxels%n",
                java.util.Arrays.toString(template.shape()), template.brainVolumeMl(), o.spacingMm());
        SubjectSimulator sim = new SubjectSimulator(template, o);
        Files.createDirectories(out.getParent());
        Path tmp = Files.createDirectory(out.resolveSibling("." + out.getFileName() + ".tmp-" + UUID.randomUUID()));
        try {
            Generated g = generate(o, sim, tmp, log, progress);
            Preview.write(tmp.resolve(PREVIEW), o.size(), g.previews());
            String meta = CohortMetadata.json(o, template, templateSha, params, sim, g.stats(), g.seconds());
            Files.writeString(tmp.resolve(MARKER), meta, StandardCharsets.UTF_8);
            install(tmp, out);
            return new Result(out, false, g.subjects(), g.seconds(), sim.thresholdMl());
        } catch (IOException | RuntimeException | Error e) {
            try {
                LocalTrees.deleteTree(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The parameters recorded in a complete cohort's marker; null when {@code out} is not a complete cohort. */
    private static JsonNode existingParameters(Path out) throws BrainCohortException {
        if (!isComplete(out)) {
            return null;
        }
        try {
            JsonNode p = JSON.readTree(out.resolve(MARKER).toFile()).get("parameters");
            return p == null ? JSON.createObjectNode() : p;
        } catch (IOException e) {
            throw new BrainCohortException(out.resolve(MARKER) + " is not readable JSON (" + e.getMessage()
                    + "); remove " + out + " or choose another --out", e);
        }
    }

    /**
     * One manifest row and the statistics behind it (not the image, which is written and dropped).
     */
    record Row(String line, int sizeClass, double volumeMl, double scale, int draws, double borderMask,
            double brainMean, double backgroundMean) {

        static Row of(String line, SubjectSimulator.Subject s) {
            return new Row(line, s.sizeClass(), s.volumeMl(), s.scale(), s.draws(), s.borderMask(), s.brainMean(),
                    s.backgroundMean());
        }
    }

    /** What {@link #generate} made. */
    record Generated(Map<Site, Map<Split, List<Row>>> stats, Map<Site, List<float[]>> previews, int subjects,
            double seconds) {}

    private record Task(Site site, Split split, int index, int sizeClass) {}

    private static Generated generate(BrainCohortOptions o, SubjectSimulator sim, Path root, PrintStream log,
            Progress progress) throws IOException {
        List<Task> tasks = new ArrayList<>();
        Map<Site, float[]> bias = new EnumMap<>(Site.class);
        for (Site site : Site.values()) {
            Files.createDirectories(root.resolve(site.folder()).resolve("images"));
            bias.put(site, siteBias(o.seed(), site).factors(o.size(), o.profile(site).bias(), sim.biasHalfWidthVoxels()));
            for (Split split : Split.values()) {
                int[] classes = sizeClasses(o.seed(), site, split, o.count(split));
                for (int i = 0; i < classes.length; i++) {
                    tasks.add(new Task(site, split, i, classes[i]));
                }
            }
        }
        double[][] affine = sim.outputAffine();
        double h = o.spacingMm();
        Row[] rows = new Row[tasks.size()];
        float[][] shown = new float[tasks.size()][];
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        int total = tasks.size();
        // workers take the next subject until none is left or one has failed; every worker has
        // finished before this method returns, so a failed build can delete its folder safely
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int t;
            while (failure.get() == null && (t = next.getAndIncrement()) < total) {
                try {
                    Task task = tasks.get(t);
                    SubjectSimulator.Subject s = sim.generate(o.profile(task.site()), bias.get(task.site()),
                            task.sizeClass(), subjectRandom(o.seed(), task.site(), task.split(), task.index()));
                    String id = id(task.site(), task.split(), task.index());
                    String file = "images/" + id + ".nii.gz";
                    writeImage(root.resolve(task.site().folder()).resolve(file), s.image(), o.size(), h, affine);
                    rows[t] = Row.of(String.format(Locale.ROOT, "%s\t%s\t%d\t%.3f\t%.5f\t%s", id, file,
                            s.sizeClass(), s.volumeMl(), s.scale(), task.site().folder()), s);
                    if (task.split() == Split.TRAIN && task.index() < PREVIEW_SUBJECTS) {
                        shown[t] = s.image();
                    }
                    int d = done.incrementAndGet();
                    progress.written(d, total);
                    if (d % o.progressEvery() == 0 || d == total) {
                        double sec = (System.nanoTime() - start) / 1e9;
                        synchronized (log) {
                            log.printf(Locale.ROOT, "make-brain-cohort: %d/%d subjects, %.2f s per subject per"
                                    + " thread%n", d, total, sec * o.threads() / d);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.threads(); i++) {
            Thread th = new Thread(worker, "make-brain-cohort-" + i);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        try {
            for (Thread th : threads) {
                th.join();
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
            for (Thread th : threads) {
                th.interrupt();
            }
            for (Thread th : threads) {
                joinQuietly(th);
            }
            Thread.currentThread().interrupt();
        }
        Throwable c = failure.get();
        if (c instanceof IOException io) {
            throw io;
        } else if (c instanceof IllegalStateException ise) {
            throw new BrainCohortException(ise.getMessage(), ise);
        } else if (c instanceof InterruptedException ie) {
            throw new BrainCohortException("interrupted while generating subjects", ie);
        } else if (c instanceof RuntimeException r) {
            throw r;
        } else if (c instanceof Error err) {
            throw err;
        } else if (c != null) {
            throw new BrainCohortException("generating subjects failed: " + c, c);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Site, Map<Split, List<Row>>> stats = new EnumMap<>(Site.class);
        Map<Site, List<float[]>> previews = new EnumMap<>(Site.class);
        int t = 0;
        for (Site site : Site.values()) {
            Map<Split, List<Row>> bySplit = new EnumMap<>(Split.class);
            previews.put(site, new ArrayList<>());
            for (Split split : Split.values()) {
                List<Row> r = new ArrayList<>();
                List<String> lines = new ArrayList<>(List.of(HEADER));
                for (int i = 0; i < o.count(split); i++, t++) {
                    r.add(rows[t]);
                    lines.add(rows[t].line());
                    if (split == Split.TRAIN && i < PREVIEW_SUBJECTS) {
                        previews.get(site).add(shown[t]);
                    }
                }
                Files.write(root.resolve(site.folder()).resolve(split.fileName() + ".tsv"), lines, StandardCharsets.UTF_8);
                bySplit.put(split, r);
            }
            stats.put(site, bySplit);
        }
        log.printf(Locale.ROOT, "make-brain-cohort: %d subjects in %.1f s on %d thread(s)%n", total, seconds,
                o.threads());
        return new Generated(stats, previews, total, seconds);
    }

    private static void joinQuietly(Thread th) {
        boolean interrupted = false;
        while (th.isAlive()) {
            try {
                th.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeImage(Path file, float[] img, int n, double h, double[][] affine) throws IOException {
        NiftiVolume v = NiftiVolume.create(new int[] {n, n, n}, img, new double[] {h, h, h}, affine);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            NiftiWriter.write(v, os, true);
        }
    }

    private static void install(Path tmp, Path out) throws IOException {
        if (!Files.exists(out)) {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = out.resolveSibling("." + out.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        LocalTrees.deleteTree(old);
    }

}
