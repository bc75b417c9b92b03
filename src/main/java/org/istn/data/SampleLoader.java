package org.istn.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.istn.io.hadoop.NiftiInputFormat;
import org.istn.io.hadoop.VolumeRecord;
import org.istn.io.manifest.BadInputException;
import org.istn.io.manifest.BadRow;
import org.istn.io.manifest.Manifest;
import org.istn.io.manifest.ManifestReader;
import org.istn.io.manifest.ManifestRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a manifest and its volumes into a cached Spark RDD of preprocessed {@link Sample}s.
 *
 * <p>Steps: the manifest is read and checked on the driver (cells, ids, labels, files present —
 * one directory listing per folder, not one request per file); the volumes are decoded on the
 * executors through {@link NiftiInputFormat} (several files per split); each is checked and
 * preprocessed next to where it was decoded; the samples are cached with the requested storage
 * level (serialized, memory and disk by default), so later epochs never decode again.
 *
 * <p>Any bad row stops the load with a {@link BadInputException} naming the manifest, row and
 * file, before anything is returned — unless {@code skipBad}, in which case bad rows are left
 * out and returned in {@link Loaded#badRows()} for the caller's report.
 */
public final class SampleLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SampleLoader.class);

    /**
     * What to load and how.
     *
     * @param idColumn the id column
     * @param imageColumn the image-path column
     * @param labelKey the label column ("" for none)
     * @param labelsRequired whether a manifest without the label column is an error (else it
     *     simply has no labels)
     * @param preprocessor resampling and normalisation
     * @param skipBad leave bad rows out (and return them) instead of failing
     * @param storageLevel how the samples are cached
     * @param decodeTasks parallel decoding tasks, 0 for two per core of the cluster
     */
    public record Options(String idColumn, String imageColumn, String labelKey, boolean labelsRequired,
            Preprocessor preprocessor, boolean skipBad, StorageLevel storageLevel, int decodeTasks) {}

    /**
     * The loaded, cached samples and the rows that were left out.
     *
     * @param labelled whether the samples carry labels
     */
    public record Loaded(Manifest manifest, JavaRDD<Sample> samples, long count, boolean labelled,
            List<BadRow> badRows) {}

    /** A preprocessed sample, or the reason there is none; exactly one is non-null. */
    record Outcome(Sample sample, BadRow bad) implements java.io.Serializable {}

    private SampleLoader() {}

    public static Loaded load(JavaSparkContext sc, String manifestUri, Options o) throws IOException {
        Configuration conf = sc.hadoopConfiguration();
        ManifestReader.Result parsed = new ManifestReader(o.idColumn(), o.imageColumn()).read(manifestUri, conf);
        Manifest m = parsed.manifest();
        List<BadRow> bad = new ArrayList<>(parsed.badRows());
        LabelParser labels = new LabelParser(o.labelKey(), o.labelsRequired(), m);

        // labels and file presence, on the driver
        Map<String, List<RowLabel>> byFile = new LinkedHashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        List<ManifestRow> labelled = new ArrayList<>();
        Map<String, Float> labelOf = new HashMap<>();
        for (ManifestRow row : m.rows()) {
            LabelParser.Result r = labels.parse(m, row);
            if (r.ok()) {
                labelled.add(row);
                labelOf.put(row.id(), r.value());
            } else {
                bad.add(r.bad());
            }
        }
        Map<String, String> qualified = qualify(labelled, conf);
        Map<String, FileStatus> present = listParents(qualified.values(), conf);
        for (ManifestRow row : labelled) {
            String file = qualified.get(row.image());
            FileStatus st = present.get(file);
            if (st == null || st.isDirectory()) {
                bad.add(new BadRow(m.uri(), row.line(), row.id(), row.image(),
                        st == null ? "image file not found: " + file : "image path is a directory: " + file));
                continue;
            }
            sizes.put(file, st.getLen());
            byFile.computeIfAbsent(file, k -> new ArrayList<>())
                    .add(new RowLabel(row.id(), row.line(), row.image(), labelOf.get(row.id())));
        }
        failUnlessSkipping(bad, o.skipBad());
        if (byFile.isEmpty()) {
            throw new BadInputException(m.uri() + ": no usable rows (" + bad.size() + " bad rows; "
                    + (bad.isEmpty() ? "" : "first: " + bad.get(0).message()) + ")");
        }

        // decode on the executors
        Job job = Job.getInstance(new Configuration(conf));
        Configuration jc = job.getConfiguration();
        FileInputFormat.setInputPaths(job, byFile.keySet().stream().map(Path::new).toArray(Path[]::new));
        NiftiInputFormat.setCollectErrors(jc, true);
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        int tasks = o.decodeTasks() > 0 ? o.decodeTasks() : 2 * sc.defaultParallelism();
        NiftiInputFormat.setMaxSplitBytes(jc, splitBytes(total, tasks));
        Broadcast<Map<String, List<RowLabel>>> rowsB = sc.broadcast(byFile);
        Preprocessor pre = o.preprocessor();
        String uri = m.uri();
        sc.setJobDescription("decode and preprocess " + byFile.size() + " volumes of " + uri);
        JavaRDD<Outcome> outcomes = sc
                .newAPIHadoopRDD(jc, NiftiInputFormat.class, Text.class, VolumeRecord.class)
                .values()
                .flatMap(rec -> preprocess(uri, rec, rowsB.value().get(rec.path()), pre).iterator())
                .persist(o.storageLevel());
        List<BadRow> decodeBad = outcomes.filter(x -> x.bad() != null).map(Outcome::bad).collect();
        bad.addAll(decodeBad);
        bad.sort(Comparator.comparingInt(BadRow::line));
        if (!decodeBad.isEmpty() && !o.skipBad()) {
            outcomes.unpersist();
            rowsB.destroy();
            failUnlessSkipping(bad, false);
        }
        JavaRDD<Sample> samples = outcomes.filter(x -> x.sample() != null).map(Outcome::sample)
                .persist(o.storageLevel());
        long count = samples.count();
        outcomes.unpersist();
        sc.setJobDescription(null);
        if (count == 0) {
            throw new BadInputException(uri + ": no usable rows (" + bad.size() + " bad rows; first: "
                    + bad.get(0).message() + ")");
        }
        if (!bad.isEmpty()) {
            LOG.warn("{}: skipped {} bad row(s) of {}; first: {}", uri, bad.size(), m.size() + parsed.badRows().size(),
                    bad.get(0).message());
        }
        LOG.info("{}: {} samples of shape {} cached ({})", uri, count, java.util.Arrays.toString(pre.inputShape()),
                o.storageLevel().description());
        return new Loaded(m, samples, count, labels.usesLabels(), List.copyOf(bad));
    }

    /** The label and location of one row, shipped to executors by file. */
    record RowLabel(String id, int line, String image, float label) implements java.io.Serializable {}

    private static List<Outcome> preprocess(String manifest, VolumeRecord rec, List<RowLabel> rows, Preprocessor pre) {
        List<Outcome> out = new ArrayList<>();
        for (RowLabel r : rows) {
            if (!rec.ok()) {
                out.add(new Outcome(null, new BadRow(manifest, r.line(), r.id(), r.image(), rec.error())));
                continue;
            }
            try {
                out.add(new Outcome(pre.apply(r.id(), r.line(), rec.volume(), r.label()), null));
            } catch (IllegalArgumentException e) {
                out.add(new Outcome(null, new BadRow(manifest, r.line(), r.id(), r.image(),
                        rec.path() + ": " + e.getMessage())));
            }
        }
        return out;
    }

    private static void failUnlessSkipping(List<BadRow> bad, boolean skipBad) {
        if (!bad.isEmpty() && !skipBad) {
            List<BadRow> sorted = new ArrayList<>(bad);
            sorted.sort(Comparator.comparingInt(BadRow::line));
            throw new BadInputException(sorted);
        }
    }

    /** Qualified URI of each image (scheme and authority filled in from its filesystem). */
    private static Map<String, String> qualify(List<ManifestRow> rows, Configuration conf) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (ManifestRow r : rows) {
            if (!out.containsKey(r.image())) {
                Path p = new Path(r.image());
                out.put(r.image(), p.getFileSystem(conf).makeQualified(p).toString());
            }
        }
        return out;
    }

    /** Status of every listed file, found with one listing per parent folder. */
    private static Map<String, FileStatus> listParents(Iterable<String> files, Configuration conf) throws IOException {
        Set<String> parents = new HashSet<>();
        for (String f : files) {
            parents.add(new Path(f).getParent().toString());
        }
        Map<String, FileStatus> out = new HashMap<>();
        for (String parent : parents) {
            Path p = new Path(parent);
            try {
                for (FileStatus st : p.getFileSystem(conf).listStatus(p)) {
                    out.put(st.getPath().toString(), st);
                }
            } catch (FileNotFoundException e) {
                // a missing folder: its files are reported one by one
            }
        }
        return out;
    }

    /** Bytes per split for about {@code tasks} splits: at least 64 KiB, at most 128 MiB. */
    static long splitBytes(long totalBytes, int tasks) {
        long per = totalBytes / Math.max(1, tasks) + 1;
        return Math.max(64L << 10, Math.min(128L << 20, per));
    }
}
