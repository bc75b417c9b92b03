package org.istn.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.istn.config.DataSettings;
import org.istn.data.Preprocessor;
import org.istn.data.Sample;
import org.istn.data.SampleLoader;
import org.istn.io.manifest.BadRow;
import org.istn.io.manifest.BadRowReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loading a job's manifests into cached samples, the same way for every job. */
final class Datasets {
    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

    private Datasets() {}

    /** A loaded manifest: cached samples, their ids, whether labelled, the rows skipped. */
    record Loaded(String role, String uri, JavaRDD<Sample> samples, List<String> ids, boolean labelled,
            List<BadRow> badRows) {}

    static Loaded load(JavaSparkContext sc, DataSettings d, String uri, boolean labelsRequired, String role)
            throws IOException {
        sc.setJobDescription("loading " + role + " images: " + uri);
        Preprocessor pre = new Preprocessor(d.inputShapeArray(), d.normalizer());
        SampleLoader.Options o = new SampleLoader.Options(d.idColumn(), d.imageColumn(), d.labelKey(), labelsRequired,
                pre, d.skipBad(), StorageLevel.fromString(d.cacheStorageLevel()), d.numDatasetWorkers());
        SampleLoader.Loaded l = SampleLoader.load(sc, uri, o);
        if (l.count() == 0) {
            throw new IllegalArgumentException(role + " manifest " + uri + ": no usable images");
        }
        List<String> ids = new ArrayList<>(l.samples().map(Sample::id).collect());
        LOG.info("{}: {} images from {}{}", role, ids.size(), uri,
                l.badRows().isEmpty() ? "" : " (" + l.badRows().size() + " bad rows skipped)");
        return new Loaded(role, uri, l.samples(), ids, l.labelled(), l.badRows());
    }

    /** With skip_bad, the skipped rows of all manifests go to {@code <run>/bad_rows.tsv}. */
    static void reportBadRows(RunFolder f, Configuration conf, Loaded... sets) throws IOException {
        List<BadRow> all = new ArrayList<>();
        for (Loaded l : sets) {
            all.addAll(l.badRows());
        }
        if (!all.isEmpty()) {
            BadRowReport.write(all, f.uri() + "/bad_rows.tsv", conf);
        }
    }

    static StorageLevel level(DataSettings d) {
        return StorageLevel.fromString(d.cacheStorageLevel());
    }
}
